import factory

from access.search import tier_tokens

from .registry import SearchDocument


class SearchDocumentFactory(factory.Factory):
    """A document as an app's ``to_document`` would return it (tests index these directly)."""

    class Meta:
        model = SearchDocument

    kind = "library"
    object_id = factory.Sequence(str)
    title = factory.Sequence(lambda n: f"Resource {n}")
    body = "A resource for task force members."
    url = factory.LazyAttribute(lambda o: f"/library/{o.object_id}/")
    access = factory.LazyFunction(lambda: tier_tokens("public"))
    date = None
    facets = factory.LazyFunction(dict)
    keywords = ""
    boost = 1.0
