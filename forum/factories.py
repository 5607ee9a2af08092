import factory

from users.factories import UserFactory

from .models import Post, Space, SpaceKind, Topic


class SpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Space
        django_get_or_create = ["slug"]

    kind = SpaceKind.CATEGORY
    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    space = factory.SubFactory(SpaceFactory)
    title = factory.Sequence(lambda n: f"Topic {n}")
    author = factory.SubFactory(UserFactory)
    last_number = 1
    last_poster = factory.SelfAttribute("author")

    @factory.post_generation
    def first_post(obj, create, extracted, **kwargs):
        if create:
            PostFactory(topic=obj, author=obj.author, number=1, body=extracted or "Opening post")


class PostFactory(factory.django.DjangoModelFactory):
    """A stored post. Real posts go through services.post_create; this is for fixtures."""

    class Meta:
        model = Post

    topic = factory.SubFactory(TopicFactory)
    author = factory.SubFactory(UserFactory)
    number = factory.Sequence(lambda n: n + 2)
    body = "A reply"
    body_html = factory.LazyAttribute(lambda o: f"<p>{o.body}</p>")
