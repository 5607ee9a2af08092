import datetime

import factory

from taskforces.factories import TaskForceFactory

from .models import Area, Framework, KeyElement, MenteeRequest, MentorOffer


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Framework

    name = factory.Sequence(lambda n: f"Roadmap {n}")
    is_illustrative = True
    is_current = True


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    framework = factory.SubFactory(FrameworkFactory)
    name = factory.Sequence(lambda n: f"Area {n}")


class KeyElementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyElement

    area = factory.SubFactory(AreaFactory)
    code = factory.Sequence(lambda n: f"element-{n}")
    name = factory.Sequence(lambda n: f"Element {n}")


class MentorOfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentorOffer

    taskforce = factory.SubFactory(TaskForceFactory)
    capacity = 1
    people_capacity = 3
    available_from = factory.LazyFunction(datetime.date.today)
    available_until = factory.LazyFunction(
        lambda: datetime.date.today() + datetime.timedelta(days=300)
    )


class MenteeRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MenteeRequest

    taskforce = factory.SubFactory(TaskForceFactory)
    goals = "Build a shared protocol."
    starts_on = factory.LazyFunction(datetime.date.today)
    ends_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=200))
