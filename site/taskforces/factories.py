import factory

from users.factories import UserFactory

from .models import (
    Discipline,
    Membership,
    MembershipStatus,
    PopulationBand,
    Region,
    Role,
    TaskForce,
)


class TaskForceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaskForce
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Task Force {n}")
    slug = factory.Sequence(lambda n: f"task-force-{n}")
    state = "IL"
    region = "Midwest"
    jurisdiction = factory.LazyAttribute(lambda o: f"{o.name} jurisdiction")
    population_band = PopulationBand.FROM_1M_TO_5M
    lead_law_enforcement_agency = "Sheriff's office"
    lead_victim_service_provider = "Survivor services"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    taskforce = factory.SubFactory(TaskForceFactory)
    name = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    taskforce = factory.SubFactory(TaskForceFactory)
    discipline = Discipline.VICTIM_SERVICES
    role = Role.MEMBER
    status = MembershipStatus.APPROVED
