"""Factories for library pages and taxonomies (factory_boy, wagtail-factories)."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone
from django.utils.text import slugify

from access.tiers import Tier

from . import models


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Topic
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class AudienceFactory(TopicFactory):
    class Meta:
        model = models.Audience
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Audience {n}")


class TraffickingTypeFactory(TopicFactory):
    class Meta:
        model = models.TraffickingType
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Trafficking type {n}")


class WebinarSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.WebinarSeries
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Webinar series {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    description = "A series of webinars."


class LibraryIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.LibraryIndexPage

    title = "Library"
    slug = "library"


class ResourceFactoryMixin(wagtail_factories.PageFactory):
    """Pass topics=[...], audiences=[...], trafficking_types=[...] as lists of snippets."""

    class Meta:
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Resource {n}")
    summary = factory.LazyAttribute(lambda o: f"A summary of {o.title}.")
    publisher = "Task Force Hub"
    publication_date = factory.LazyFunction(lambda: datetime.date(2025, 3, 1))
    last_reviewed = factory.LazyFunction(lambda: timezone.localdate())
    access_tier = Tier.PUBLIC

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if extracted:
            self.topics.set(extracted)
            self.save()

    @factory.post_generation
    def audiences(self, create, extracted, **kwargs):
        if extracted:
            self.audiences.set(extracted)
            self.save()

    @factory.post_generation
    def trafficking_types(self, create, extracted, **kwargs):
        if extracted:
            self.trafficking_types.set(extracted)
            self.save()


class ToolkitPageFactory(ResourceFactoryMixin):
    class Meta:
        model = models.ToolkitPage


class WebinarPageFactory(ResourceFactoryMixin):
    class Meta:
        model = models.WebinarPage

    presenters = "Detective Ana Ruiz\nProsecutor Sam Lee"


class OnlineCoursePageFactory(ResourceFactoryMixin):
    class Meta:
        model = models.OnlineCoursePage

    estimated_minutes = 90


class ClassroomTrainingPageFactory(ResourceFactoryMixin):
    class Meta:
        model = models.ClassroomTrainingPage


class ProtocolTemplatePageFactory(ResourceFactoryMixin):
    class Meta:
        model = models.ProtocolTemplatePage


class PublicationPageFactory(ResourceFactoryMixin):
    class Meta:
        model = models.PublicationPage


FACTORIES = {
    models.ResourceFormat.TOOLKIT: ToolkitPageFactory,
    models.ResourceFormat.WEBINAR: WebinarPageFactory,
    models.ResourceFormat.ONLINE_COURSE: OnlineCoursePageFactory,
    models.ResourceFormat.CLASSROOM_TRAINING: ClassroomTrainingPageFactory,
    models.ResourceFormat.PROTOCOL_TEMPLATE: ProtocolTemplatePageFactory,
    models.ResourceFormat.PUBLICATION: PublicationPageFactory,
}


class EventSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.EventSession

    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=1))
    time_zone = "America/New_York"
    place = ""
    capacity = None
