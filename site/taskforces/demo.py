"""Demo task forces (the six named in the ECM spotlight and the COPS Dispatch article), their
regions, and a demo account for every kind of member. All people are fictional."""

from core.demo import demo_user

from .models import Discipline, PopulationBand, Region, Role, TaskForce
from .services import membership_grant

TASKFORCES = [
    {
        "slug": "western-district-new-york",
        "name": "Western District of New York Human Trafficking Task Force",
        "state": "NY",
        "region": "Northeast",
        "jurisdiction": "Western District of New York",
        "population_band": PopulationBand.FROM_1M_TO_5M,
        "year_formed": 2011,
        "lead_law_enforcement_agency": "U.S. Attorney's Office, WDNY (illustrative)",
        "lead_victim_service_provider": "Regional victim services partner (illustrative)",
        "focus_areas": "labor trafficking, agriculture, threat assessment",
        "description": "Ran a threat assessment of local industries vulnerable to labor "
        "exploitation and chose the dairy farm industry as a focus for building relationships "
        "and proactively identifying potential victims.",
    },
    {
        "slug": "north-dakota",
        "name": "North Dakota Human Trafficking Task Force",
        "state": "ND",
        "region": "Midwest",
        "jurisdiction": "State of North Dakota",
        "is_statewide": True,
        "population_band": PopulationBand.FROM_500K_TO_1M,
        "year_formed": 2016,
        "lead_law_enforcement_agency": "State bureau of investigation (illustrative)",
        "lead_victim_service_provider": "Statewide victim services coalition (illustrative)",
        "focus_areas": "statewide coordination, navigators, rural outreach",
        "description": "A statewide task force whose regional navigators liaise between each "
        "region's multidisciplinary team and the core leadership, sharing information and "
        "coordinating partnerships and referrals.",
    },
    {
        "slug": "cook-county",
        "name": "Cook County Human Trafficking Task Force",
        "state": "IL",
        "region": "Midwest",
        "jurisdiction": "Cook County, Illinois",
        "population_band": PopulationBand.OVER_5M,
        "year_formed": 2010,
        "lead_law_enforcement_agency": "County sheriff's office (illustrative)",
        "lead_victim_service_provider": "County survivor services partner (illustrative)",
        "focus_areas": "survivor engagement, creative arts, roadmap planning",
        "description": "Each year invites survivors to share lived experience through creative "
        "work (a magazine, an art show and a spoken-word event) to raise awareness.",
    },
    {
        "slug": "palm-beach-county",
        "name": "Palm Beach County Human Trafficking Task Force",
        "state": "FL",
        "region": "Southeast",
        "jurisdiction": "Palm Beach County, Florida",
        "population_band": PopulationBand.FROM_1M_TO_5M,
        "year_formed": 2008,
        "lead_law_enforcement_agency": "County sheriff's office (illustrative)",
        "lead_victim_service_provider": "Local victim services agency (illustrative)",
        "focus_areas": "co-located partners, prosecution, labor trafficking",
        "description": "Houses local and federal law enforcement, prosecutors and victim "
        "service professionals in the same office for a coordinated response.",
    },
    {
        "slug": "tarrant-county",
        "name": "Tarrant County Human Trafficking Task Force",
        "state": "TX",
        "region": "South Central",
        "jurisdiction": "Tarrant County, Texas",
        "population_band": PopulationBand.FROM_1M_TO_5M,
        "year_formed": 2012,
        "lead_law_enforcement_agency": "City police department (illustrative)",
        "lead_victim_service_provider": "Regional victim services partner (illustrative)",
        "focus_areas": "leadership development, dedicated units, labor trafficking",
        "description": "After command staff attended a leadership institute, a law enforcement "
        "partner created a dedicated human trafficking unit.",
    },
    {
        "slug": "contra-costa",
        "name": "Contra Costa Human Trafficking Task Force",
        "state": "CA",
        "region": "West",
        "jurisdiction": "Contra Costa County, California",
        "population_band": PopulationBand.FROM_1M_TO_5M,
        "year_formed": 2014,
        "lead_law_enforcement_agency": "County district attorney's office (illustrative)",
        "lead_victim_service_provider": "County anti-trafficking coalition (illustrative)",
        "focus_areas": "protocol development, labor trafficking, youth",
        "description": "Uses protocol development videos to overcome resistance and build "
        "engagement with shared protocols among member agencies.",
    },
]

NORTH_DAKOTA_REGIONS = [
    ("northwest", "Northwest", "Williston, Minot and the oil patch."),
    ("northeast", "Northeast", "Grand Forks, Devils Lake and the Red River Valley north."),
    ("southwest", "Southwest", "Bismarck-Mandan and Dickinson."),
    ("southeast", "Southeast", "Fargo, Jamestown and Wahpeton."),
]

# email, display name, task force, discipline, role, region slug, extra profile fields
PEOPLE = [
    (
        "wdny.colead@example.org",
        "Dana Whitfield",
        "western-district-new-york",
        Discipline.LAW_ENFORCEMENT,
        Role.CO_LEAD,
        None,
        {"job_title": "Task force coordinator"},
    ),
    (
        "wdny.investigator@example.org",
        "Inv. Noah Brandt",
        "western-district-new-york",
        Discipline.LAW_ENFORCEMENT,
        Role.MEMBER,
        None,
        {"job_title": "Investigator"},
    ),
    (
        "nd.colead@example.org",
        "Erin Lindqvist",
        "north-dakota",
        Discipline.VICTIM_SERVICES,
        Role.CO_LEAD,
        None,
        {"job_title": "Program director"},
    ),
    (
        "nd.navigator.northwest@example.org",
        "Tom Eagleheart",
        "north-dakota",
        Discipline.VICTIM_SERVICES,
        Role.NAVIGATOR,
        "northwest",
        {"job_title": "Regional navigator"},
    ),
    (
        "nd.navigator.southeast@example.org",
        "Kari Solberg",
        "north-dakota",
        Discipline.VICTIM_SERVICES,
        Role.NAVIGATOR,
        "southeast",
        {"job_title": "Regional navigator"},
    ),
    (
        "nd.deputy@example.org",
        "Deputy Ray Olson",
        "north-dakota",
        Discipline.LAW_ENFORCEMENT,
        Role.MEMBER,
        "northwest",
        {"job_title": "Sheriff's deputy"},
    ),
    (
        "cook.colead@example.org",
        "Renee Walker",
        "cook-county",
        Discipline.VICTIM_SERVICES,
        Role.CO_LEAD,
        None,
        {"job_title": "Co-lead, victim services"},
    ),
    (
        "cook.sergeant@example.org",
        "Sgt. Luis Ortega",
        "cook-county",
        Discipline.LAW_ENFORCEMENT,
        Role.CO_LEAD,
        None,
        {"job_title": "Co-lead, law enforcement"},
    ),
    (
        "cook.moderator@example.org",
        "Jamie Park",
        "cook-county",
        Discipline.COMMUNITY_PARTNER,
        Role.MODERATOR,
        None,
        {"job_title": "Community moderator"},
    ),
    (
        "cook.survivor.leader@example.org",
        "Maria Reyes",
        "cook-county",
        Discipline.SURVIVOR_LEADER,
        Role.MEMBER,
        None,
        {"pseudonym": "Marisol", "job_title": "Survivor-leader"},
    ),
    (
        "palm.colead@example.org",
        "Andre Baptiste",
        "palm-beach-county",
        Discipline.LAW_ENFORCEMENT,
        Role.CO_LEAD,
        None,
        {"job_title": "Co-lead, law enforcement"},
    ),
    (
        "palm.prosecutor@example.org",
        "ADA Leah Goldstein",
        "palm-beach-county",
        Discipline.PROSECUTION,
        Role.MEMBER,
        None,
        {"job_title": "Assistant state attorney"},
    ),
    (
        "palm.advocate@example.org",
        "Sofia Marin",
        "palm-beach-county",
        Discipline.VICTIM_SERVICES,
        Role.MEMBER,
        None,
        {"job_title": "Victim advocate"},
    ),
    (
        "tarrant.colead@example.org",
        "Monica Reyes-Hall",
        "tarrant-county",
        Discipline.VICTIM_SERVICES,
        Role.CO_LEAD,
        None,
        {"job_title": "Co-lead, victim services"},
    ),
    (
        "tarrant.investigator@example.org",
        "Det. Kevin Hale",
        "tarrant-county",
        Discipline.LAW_ENFORCEMENT,
        Role.MEMBER,
        None,
        {"job_title": "Detective"},
    ),
    (
        "contra.colead@example.org",
        "Jordan Lee",
        "contra-costa",
        Discipline.VICTIM_SERVICES,
        Role.CO_LEAD,
        None,
        {"job_title": "Task force coordinator"},
    ),
    (
        "contra.detective@example.org",
        "Det. Ana Flores",
        "contra-costa",
        Discipline.LAW_ENFORCEMENT,
        Role.MEMBER,
        None,
        {"job_title": "Detective"},
    ),
    (
        "contra.dda@example.org",
        "DDA Marcus Chen",
        "contra-costa",
        Discipline.PROSECUTION,
        Role.MEMBER,
        None,
        {"job_title": "Deputy district attorney"},
    ),
    (
        "contra.advocate@example.org",
        "Grace Okafor",
        "contra-costa",
        Discipline.VICTIM_SERVICES,
        Role.MEMBER,
        None,
        {"job_title": "Victim advocate"},
    ),
]


def seed(*, log):
    taskforces = {}
    for data in TASKFORCES:
        data = dict(data)
        slug = data.pop("slug")
        taskforce, _ = TaskForce.objects.update_or_create(slug=slug, defaults=data)
        taskforces[slug] = taskforce
    north_dakota = taskforces["north-dakota"]
    regions = {}
    for slug, name, description in NORTH_DAKOTA_REGIONS:
        regions[slug], _ = Region.objects.update_or_create(
            taskforce=north_dakota, slug=slug, defaults={"name": name, "description": description}
        )
    people = []
    for email, name, tf_slug, discipline, role, region_slug, extra in PEOPLE:
        taskforce = taskforces[tf_slug]
        user = demo_user(
            email,
            name,
            organisation=taskforce.lead_victim_service_provider
            if discipline == Discipline.VICTIM_SERVICES
            else taskforce.lead_law_enforcement_agency,
            **extra,
        )
        membership_grant(
            user=user,
            taskforce=taskforce,
            discipline=discipline,
            role=role,
            region=regions.get(region_slug),
        )
        people.append(user)
    log(f"{len(taskforces)} task forces, {len(regions)} regions", people)
