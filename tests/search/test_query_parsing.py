"""User syntax is parsed into words, phrases and exclusions; nothing else gets through."""

from search.query import MAX_QUERY_CHARS, parse


def test_words_phrases_and_exclusions():
    parsed = parse('forensic "child interview" -webinar -"case study"')
    assert [t.alternatives for t in parsed.terms] == [(("forensic",),), (("child", "interview"),)]
    assert parsed.excluded == [("webinar",), ("case", "study")]


def test_operators_and_punctuation_are_plain_text():
    parsed = parse("NEAR( OR OR '); -- *")
    assert [t.alternatives[0] for t in parsed.terms] == [("near",)]  # "or" is a stopword
    assert parsed.excluded == []


def test_stopwords_are_dropped_unless_nothing_else_is_left():
    assert [t.alternatives[0] for t in parsed_terms("interview of a minor")] == [
        ("interview",),
        ("minor",),
    ]
    assert [t.alternatives[0] for t in parsed_terms("the")] == [("the",)]


def test_synonym_groups_expand_longest_match_first():
    groups = [["T visa", "T nonimmigrant status"], ["LEO", "law enforcement officer"]]
    parsed = parse("t visa certification leo", groups)
    assert parsed.terms[0].alternatives == (("t", "visa"), ("t", "nonimmigrant", "status"))
    assert parsed.terms[1].alternatives == (("certification",),)
    assert parsed.terms[2].alternatives == (("leo",), ("law", "enforcement", "officer"))


def test_long_queries_are_cut():
    assert len(parse("word " * 5000).text) <= MAX_QUERY_CHARS
    assert len(parse("word " * 5000).terms) <= 24


def test_only_exclusions_is_no_query():
    assert not parse("-webinar")


def parsed_terms(text):
    return parse(text).terms
