"""Standing texts of the program. Each agreement version stores its own copy, so what a pair
acknowledged never changes when these are edited."""

CONFIDENTIALITY_GUIDELINES = """\
What we talk about stays between us, with these exceptions, which we both understand.

1. The mentor keeps short notes of each meeting. Only the mentor and the program's \
coordinators can read them.

2. If either of us is worried that someone may be harmed, or that the mentee needs more help \
than a mentor can give, the mentor tells a coordinator, who may ask the clinical team to step \
in. The mentor tells the mentee when they do this, unless that would put someone at risk.

3. Neither of us shares the other's story, name or contact details with anyone outside the \
program, in person or online, without asking first.

4. The mentor is a peer, not a clinician: they give no medical or legal advice, and they do not \
keep secrets that put the mentee's safety at risk.

5. Federal law (42 CFR Part 2) protects the records of people who receive substance use \
services. The program uses the mentee's information only for the program, and shows it to \
no one else without the mentee's written consent, except where the law requires it.

6. In an emergency, call 911. In a crisis, call or text 988 (Suicide & Crisis Lifeline), at any \
time.
"""
