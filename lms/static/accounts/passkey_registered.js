// After a passkey is registered (django-otp-webauthn's script fires this event), go on to the
// page that shows the recovery codes once, or on to where the person was going.
document.addEventListener("otp_webauthn.register_complete", () => {
  const script = document.getElementById("passkey-registered");
  window.location.assign(script.dataset.next);
});
