"""Personal state shown on resource pages (bookmarks)."""

from django import template

from library.mylibrary import is_bookmarked

register = template.Library()


@register.simple_tag(takes_context=True)
def bookmarked(context, page):
    """`{% bookmarked page as is_bookmarked %}`"""
    request = context.get("request")
    return is_bookmarked(getattr(request, "user", None), page)
