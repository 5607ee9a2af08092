"""What the webinar and training pages show each viewer about their sessions."""

from django import template

from library.events import session_rows as rows_for

register = template.Library()


@register.simple_tag(takes_context=True)
def session_rows(context, page, sessions):
    """`{% session_rows page sessions as rows %}`: local times, seats left and this viewer's
    registration for each session, in one query per kind of fact."""
    request = context.get("request")
    return rows_for(sessions, getattr(request, "user", None), page)
