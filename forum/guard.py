"""The guard that runs before a post is published: it looks for what must not be shared in the
forum (a victim's name with a date of birth, phone numbers, street addresses, case or docket
numbers). Staff edit the patterns (``SensitivePattern`` snippets); the author may edit the
post or send it to a moderator for approval."""

import re
from dataclasses import dataclass

from django.core.cache import cache

# The active patterns, kept in the shared cache: every post is checked, and the patterns
# change only when staff edit them (``SensitivePattern`` clears this key on every write).
# The timeout is a safety net for writes that bypass the ORM, such as a data migration.
PATTERNS_CACHE_KEY = "forum:guard-patterns"
PATTERNS_CACHE_SECONDS = 300

DEFAULT_PATTERNS = [
    (
        "Name with a date of birth",
        r"\b[A-Z][a-z]+(?:\s+[A-Z]\.?)?\s+[A-Z][a-z'-]+\b[^.\n]{0,40}?"
        r"(?:\bDOB\b|\bD\.O\.B\.?|date of birth|\bborn\b)[:\s]*"
        r"(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|[A-Z][a-z]+\.? \d{1,2},? \d{4})",
        "This looks like a person’s name with a date of birth. Never share details that could "
        "identify a victim or survivor here.",
    ),
    (
        "Date of birth",
        r"(?i)(?:\bDOB\b|\bD\.O\.B\.?|date of birth)[:\s]*\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}",
        "This looks like a date of birth. Leave it out: it can identify a person.",
    ),
    (
        "Phone number",
        r"(?<![\d-])(?:\+?1[\s.-]?)?\(?(?!8(?:00|33|44|55|66|77|88)\b)[2-9]\d{2}\)?[\s.-]?"
        r"\d{3}[\s.-]\d{4}(?![\d-])",
        "This looks like a phone number. Share contact details privately, not in a post "
        "(hotline and toll-free numbers are fine).",
    ),
    (
        "Street address",
        r"\b\d{1,6}\s+(?:[NSEW]\.?\s+)?(?:[A-Z][a-z]+\s+){1,3}"
        r"(?i:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|"
        r"Place|Pl|Highway|Hwy|Parkway|Pkwy|Terrace|Circle)\b\.?",
        "This looks like a street address. Addresses can reveal where a survivor lives or a "
        "case is active.",
    ),
    (
        "Case or docket number",
        r"(?i)(?:\b(?:case|docket|cause|indictment|file)\s*(?:no\.?|number|#)\s*:?\s*"
        r"[A-Z0-9][A-Z0-9:./-]{3,})|(?:\b\d{1,2}:\d{2}-(?:cr|cv|mj|mc)-\d{2,6}\b)",
        "This looks like a case or docket number. Case-sensitive details stay in your "
        "agency’s systems, not the forum.",
    ),
]


@dataclass(frozen=True)
class Finding:
    name: str
    explanation: str


def active_patterns() -> list[tuple[str, str, str]]:
    """(name, pattern, explanation) of each active pattern."""
    patterns = cache.get(PATTERNS_CACHE_KEY)
    if patterns is None:
        from .models import SensitivePattern

        patterns = list(
            SensitivePattern.objects.filter(is_active=True).values_list(
                "name", "pattern", "explanation"
            )
        )
        cache.set(PATTERNS_CACHE_KEY, patterns, PATTERNS_CACHE_SECONDS)
    return patterns


def forget_patterns() -> None:
    cache.delete(PATTERNS_CACHE_KEY)


def check(*texts: str) -> list[Finding]:
    """What the guard found in these texts (one finding per pattern)."""
    text = "\n".join(t for t in texts if t)
    if not text:
        return []
    findings = []
    for name, pattern, explanation in active_patterns():
        try:
            if re.search(pattern, text):
                findings.append(Finding(name, explanation))
        except re.error:
            continue  # a broken pattern must not stop members posting; clean() refuses new ones
    return findings


def summary(findings: list[Finding]) -> str:
    return ", ".join(f.name for f in findings)[:300]
