"""Access tiers of library resources (and anything else published in tiers)."""

from django.db import models
from django.db.models import Q

from .core import Viewer, rule


class Tier(models.TextChoices):
    PUBLIC = "public", "Public"
    MEMBERS = "members", "Members"
    LAW_ENFORCEMENT = "law_enforcement", "Law enforcement and prosecution only"


def tiers_for(viewer: Viewer) -> list[str]:
    tiers = [Tier.PUBLIC]
    if viewer.is_member:
        tiers.append(Tier.MEMBERS)
    if viewer.is_law_enforcement_or_prosecution:
        tiers.append(Tier.LAW_ENFORCEMENT)
    return tiers


def tier_q(viewer: Viewer, field: str = "access_tier") -> Q:
    """The filter for rows whose tier this viewer may open."""
    return Q(**{f"{field}__in": tiers_for(viewer)})


@rule("tier.view")
def can_view_tier(viewer: Viewer, tier: str) -> bool:
    return tier in tiers_for(viewer)
