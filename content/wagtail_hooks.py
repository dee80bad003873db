"""Page privacy as a signed-in user meets it: a page they may not open says so (403)."""

from django.template.response import TemplateResponse

from wagtail import hooks
from wagtail.models import PageViewRestriction


def page_denied(request, page, *, message: str | None = None):
    """The 403 page for a signed-in visitor whose roles do not open this page."""
    return TemplateResponse(request, "403.html", {"page": page, "message": message}, status=403)


@hooks.register("on_serve_page")
def refuse_signed_in_visitors_outside_the_groups(callback):
    """A group-restricted page answers 403 to a signed-in user outside its groups.

    Wagtail's own check would send them to the login page again, which suggests that signing in
    is enough. Anonymous visitors still go to the login page.
    """

    def inner(page, request, serve_args, serve_kwargs):
        if request.user.is_authenticated:
            for restriction in page.get_view_restrictions():
                if (
                    restriction.restriction_type == PageViewRestriction.GROUPS
                    and not restriction.accept_request(request)
                ):
                    return page_denied(
                        request, page, message="This page is for mentees and program staff."
                    )
        return callback(page, request, serve_args, serve_kwargs)

    return inner
