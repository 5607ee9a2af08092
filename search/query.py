"""What the user typed, parsed once into a safe structure every backend compiles its own way.

Users may write words, "quoted phrases" and -excluded words or -"phrases". Everything else
(operators, brackets, stars, quotes left open, SQL) is plain text: only runs of letters and
digits survive, so no backend ever sees user syntax.
"""

import re
from dataclasses import dataclass, field

MAX_QUERY_CHARS = 500
MAX_TERMS = 24
WORD = re.compile(r"\w+", re.UNICODE)
PIECE = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
STOPWORDS = frozenset(
    "a an and are as at be by for from in into is it of on or the to with".split()
)


@dataclass(frozen=True)
class Term:
    """One thing that must match: a word, a phrase, or a set of equivalent expressions."""

    alternatives: tuple[tuple[str, ...], ...]  # each alternative is a sequence of words

    @property
    def is_phrase(self) -> bool:
        return len(self.alternatives) == 1 and len(self.alternatives[0]) > 1


@dataclass
class ParsedQuery:
    text: str = ""
    terms: list[Term] = field(default_factory=list)
    excluded: list[tuple[str, ...]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.terms)

    @property
    def words(self) -> list[str]:
        return [w for t in self.terms for alt in t.alternatives[:1] for w in alt]


def words_of(text: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in WORD.findall(text))


def normalise(text: str) -> str:
    return " ".join(words_of(text or ""))


def parse(text: str, synonyms: list[list[str]] | None = None) -> ParsedQuery:
    """Parse a query; ``synonyms`` is a list of groups of equivalent expressions."""
    text = (text or "")[:MAX_QUERY_CHARS]
    parsed = ParsedQuery(text=text.strip())
    bare: list[str] = []
    groups = [[words_of(t) for t in group if words_of(t)] for group in synonyms or []]

    def flush():
        parsed.terms.extend(_expand(bare, groups))
        bare.clear()

    for match in PIECE.finditer(text):
        neg_phrase, phrase, neg_word, word = match.groups()
        if phrase is not None:
            words = words_of(phrase)
            if not words:
                continue
            flush()
            if neg_phrase:
                parsed.excluded.append(words)
            else:
                parsed.terms.append(Term((words,)))
        else:
            words = words_of(word)
            if neg_word and words:
                parsed.excluded.append(words)
            else:
                bare.extend(words)
    flush()
    content = [t for t in parsed.terms if not _is_stopword(t)]
    parsed.terms = (content or parsed.terms)[:MAX_TERMS]
    parsed.excluded = parsed.excluded[:MAX_TERMS]
    return parsed


def _is_stopword(term: Term) -> bool:
    return len(term.alternatives) == 1 and term.alternatives[0] in {(w,) for w in STOPWORDS}


def _expand(words: list[str], groups: list[list[tuple[str, ...]]]) -> list[Term]:
    """Bare words become one term each, except runs that match a synonym group (longest
    first), which become one term with every expression of the group."""
    terms, i = [], 0
    while i < len(words):
        best = None
        for group in groups:
            for expression in group:
                n = len(expression)
                if tuple(words[i : i + n]) == expression and (best is None or n > best[0]):
                    best = (n, group)
        if best:
            n, group = best
            terms.append(Term(tuple(dict.fromkeys(group))))
            i += n
        else:
            terms.append(Term(((words[i],),)))
            i += 1
    return terms


def prefix_words(text: str) -> tuple[str, ...]:
    """The words of a partly typed query, for suggestions (the last one is a prefix)."""
    return words_of((text or "")[:MAX_QUERY_CHARS])[:8]
