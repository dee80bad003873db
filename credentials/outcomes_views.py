"""The outcomes report's page and exports (CSV and PDF), for coordinators."""

import csv
import io

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from credentials import outcomes
from credentials import outcomes_rules as cells
from credentials.selectors import today_in_program
from credentials.uploads import PRIVATE_HEADERS
from lms.accounts.roles import Role, user_has_role
from lms.common.quarters import recent_quarters


@login_required
def outcomes_report(request, fmt="html"):
    """A quarter's outcomes (the last complete quarter unless one is chosen)."""
    if not user_has_role(request.user, Role.COORDINATOR):
        raise PermissionDenied
    today = today_in_program()
    choices = recent_quarters(today, count=8)
    chosen = request.GET.get("quarter", "")
    try:
        quarter = cells.parse_quarter(chosen, today=today) if chosen else choices[1]
    except ValueError as error:
        return render(
            request,
            "credentials/outcomes.html",
            {"error": str(error), "chosen": chosen, "choices": choices},
            status=400,
        )
    report = outcomes.outcomes_report(quarter)
    stem = f"outcomes-{quarter}"
    if fmt == "csv":
        buffer = io.StringIO()
        csv.writer(buffer).writerows(report.csv_rows())
        response = HttpResponse(buffer.getvalue(), content_type="text/csv", headers=PRIVATE_HEADERS)
        response["Content-Disposition"] = f'attachment; filename="{stem}.csv"'
        return response
    context = {
        "report": report,
        "chosen": str(quarter),
        "choices": choices,
        "in_progress": quarter == choices[0],
    }
    if fmt == "pdf":
        from weasyprint import HTML

        html = render_to_string("credentials/outcomes_pdf.html", context, request=request)
        pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
        response = HttpResponse(pdf, content_type="application/pdf", headers=PRIVATE_HEADERS)
        response["Content-Disposition"] = f'attachment; filename="{stem}.pdf"'
        return response
    return render(request, "credentials/outcomes.html", context)
