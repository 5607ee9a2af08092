"""Demo curation (synonyms practitioners use, a few best bets), then a full index rebuild so
every app's demo content is searchable."""

from . import service
from .models import BestBet, Synonym

SYNONYMS = [
    "CSEC, commercial sexual exploitation of children",
    "LEO, law enforcement officer, law enforcement",
    "T visa, T-visa, T nonimmigrant status",
    "U visa, U nonimmigrant status",
    "MDT, multidisciplinary team",
    "VSP, victim service provider",
    "CAC, child advocacy center",
    "ECM, Enhanced Collaborative Model",
    "DMST, domestic minor sex trafficking",
]
BEST_BETS = [
    {
        "queries": "task forces, directory, find a task force",
        "title": "Task force directory",
        "url": "/taskforces/",
        "description": "Every task force on the hub, by state and region.",
    },
]


def seed(*, log):
    for terms in SYNONYMS:
        Synonym.objects.get_or_create(terms=terms)
    for bet in BEST_BETS:
        BestBet.objects.update_or_create(title=bet["title"], defaults=bet)
    count = service.rebuild(backend="db")
    log(
        f"search: {len(SYNONYMS)} synonym groups, {len(BEST_BETS)} best bets, "
        f"{count} items indexed",
        [],
    )
