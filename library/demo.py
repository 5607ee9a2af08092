"""Demo content for the library: about forty resources of every type, tier, topic and
audience, written from the offerings of the ECM training and technical assistance providers
(the child sex trafficking toolkit, labor trafficking identification, the webinar series,
the classroom trainings, protocol development resources, the Development & Operations
Roadmap), with small generated PDFs, cover images and captions files, and webinars both past
and upcoming. Idempotent by slug: an existing resource is left as it is."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from access.tiers import Tier
from core.demo import ensure_home_page

from .editorial import MODERATORS_GROUP, review_workflow_ensure
from .models import (
    Audience,
    ClassroomTrainingPage,
    EventSession,
    LibraryIndexPage,
    OnlineCoursePage,
    ProtocolTemplatePage,
    PublicationPage,
    ResourcePage,
    ToolkitPage,
    Topic,
    TraffickingType,
    WebinarPage,
    WebinarSeries,
)
from .samples import pdf_bytes, png_bytes, vtt_text

TOPICS = {
    "child-sex-trafficking": "Child sex trafficking",
    "labor-trafficking": "Labor trafficking",
    "identification": "Identification",
    "investigation": "Investigation",
    "prosecution": "Prosecution",
    "victim-services": "Victim services",
    "protocols": "Protocols",
    "task-force-operations": "Task force operations",
    "immigration-relief": "Immigration relief",
    "youth": "Youth",
    "data-and-evaluation": "Data and evaluation",
    "survivor-engagement": "Survivor engagement",
}
AUDIENCES = {
    "law-enforcement": "Law enforcement",
    "prosecutors": "Prosecutors",
    "judges": "Judges",
    "victim-service-providers": "Victim service providers",
    "survivor-leaders": "Survivor-leaders",
    "community-partners": "Community partners",
}
TYPES = {
    "sex-trafficking": "Sex trafficking",
    "labor-trafficking": "Labor trafficking",
    "child-sex-trafficking": "Child sex trafficking",
}
SERIES = {
    "human-trafficking-webinar-series": (
        "Human Trafficking Webinar Series",
        "The ongoing webinar series on strategies to identify, investigate and prosecute every "
        "form of human trafficking, for law enforcement and their multidisciplinary partners.",
    ),
    "prosecution-strategies-series": (
        "Victim-Centered Prosecution Series",
        "Trainings on victim-centered approaches to investigating and prosecuting sex and labor "
        "trafficking cases.",
    ),
}

P, M, L = Tier.PUBLIC, Tier.MEMBERS, Tier.LAW_ENFORCEMENT
LE, PR, JU, VS, SL, CP = AUDIENCES.keys()


@dataclass
class Item:
    slug: str
    kind: type
    tier: str
    title: str
    summary: str
    topics: tuple
    audiences: tuple
    types: tuple = ()
    keywords: str = ""
    published: str = "2025-01-15"
    body: tuple = ()
    extra: dict = field(default_factory=dict)
    image: bool = False


ITEMS = [
    # --- toolkits ---------------------------------------------------------------------------
    Item(
        "child-sex-trafficking-toolkit",
        ToolkitPage,
        M,
        "Child Sex Trafficking Toolkit for Law Enforcement",
        "A toolkit for officers who identify and investigate child sex trafficking: first "
        "response, interviewing with a child advocacy center, and working with victim services.",
        ("child-sex-trafficking", "investigation", "youth"),
        (LE, VS),
        ("child-sex-trafficking",),
        "child sex trafficking toolkit CSEC DMST law enforcement",
        "2024-09-10",
        (
            "Children cannot consent to commercial sex. This toolkit helps officers recognise "
            "the signs, respond without re-traumatising the child and build a case that does "
            "not depend on the child's testimony alone.",
            "It gathers checklists, model policies and short guidance documents into one place "
            "for patrol officers, investigators and supervisors.",
        ),
        {
            "checklists": [
                (
                    "First response",
                    [
                        "Make sure the child is safe and has a trusted adult present",
                        "Call the child advocacy center before any detailed interview",
                        "Do not treat the child as an offender",
                    ],
                )
            ]
        },
        image=True,
    ),
    Item(
        "protocol-development-toolkit",
        ToolkitPage,
        P,
        "Protocol Development Toolkit",
        "Eight checklists that walk a task force through writing shared protocols: roles, "
        "information sharing, tips, victim services, case review, media, data and sustainability.",
        ("protocols", "task-force-operations"),
        (LE, PR, VS, CP),
        (),
        "protocol development checklists shared protocols",
        "2023-06-01",
        (
            "Task force protocols are separate from but complement the internal policies of "
            "member agencies. Personnel come and go, but protocols survive and help a task "
            "force navigate changes.",
        ),
        {
            "checklists": [
                (
                    f"Checklist {n}: {name}",
                    [f"Agree who leads on {name.lower()}", "Write it down and review it yearly"],
                )
                for n, name in enumerate(
                    [
                        "Roles and responsibilities",
                        "Information sharing",
                        "Responding to tips",
                        "Victim services",
                        "Case review",
                        "Media and public statements",
                        "Data collection",
                        "Sustainability",
                    ],
                    start=1,
                )
            ]
        },
        image=True,
    ),
    Item(
        "csec-screening-tool",
        ToolkitPage,
        M,
        "CSEC Screening Tool for Youth-Serving Agencies",
        "A short screening tool for commercial sexual exploitation of children (CSEC), with "
        "guidance on when and how to use it and where to refer a young person.",
        ("child-sex-trafficking", "identification", "youth"),
        (VS, CP, LE),
        ("child-sex-trafficking",),
        "CSEC screening tool commercial sexual exploitation of children screen",
        "2024-03-05",
        (
            "Screening is not an interview. The tool helps staff in shelters, schools and "
            "child welfare notice risk and connect a young person with services.",
        ),
        {"checklists": [("Before screening", ["Explain why you ask", "Offer privacy"])]},
    ),
    Item(
        "setta-survivor-engagement",
        ToolkitPage,
        P,
        "Supporting Survivor Engagement in Anti-Trafficking (SETTA)",
        "How task forces build sustainable, paid and respectful engagement with survivor-"
        "leaders to improve their programs.",
        ("survivor-engagement", "task-force-operations"),
        (SL, VS, CP),
        (),
        "SETTA survivor engagement survivor-leaders lived experience",
        "2023-02-20",
        (
            "Survivor-leaders bring expertise no one else has. Engagement that lasts means paying "
            "for that expertise, sharing decisions and protecting people's privacy.",
        ),
    ),
    # --- webinars ---------------------------------------------------------------------------
    Item(
        "labor-trafficking-indicators-agriculture",
        WebinarPage,
        P,
        "Labor Trafficking Indicators in Agriculture",
        "A recorded webinar on the indicators of labor trafficking on farms and in food "
        "processing, and on building trust with agricultural workers.",
        ("labor-trafficking", "identification"),
        (LE, VS, CP),
        ("labor-trafficking",),
        "labor trafficking indicators agriculture farmworkers H-2A",
        "2025-02-12",
        (
            "Presenters walk through the signs of labor trafficking in agriculture: debt, "
            "confiscated documents, housing controlled by the employer and isolation.",
        ),
        {"past": True, "series": "human-trafficking-webinar-series"},
        image=True,
    ),
    Item(
        "victim-centered-prosecution",
        WebinarPage,
        M,
        "Victim-Centered Prosecution of Human Trafficking Cases",
        "Prosecutors share how they build trafficking cases that do not rest on the victim's "
        "testimony alone and keep survivors informed and safe.",
        ("prosecution", "victim-services"),
        (PR, VS),
        ("sex-trafficking", "labor-trafficking"),
        "victim-centered prosecution trauma-informed prosecutors",
        "2025-04-08",
        (
            "A victim-centered prosecution corroborates the survivor's account with other "
            "evidence, prepares the survivor for court and plans for their safety.",
        ),
        {"past": True, "series": "prosecution-strategies-series"},
    ),
    Item(
        "youth-runaway-homeless",
        WebinarPage,
        P,
        "Runaway and Homeless Youth: Recognising Trafficking",
        "Why youth who run away or are homeless are targeted by traffickers, and how shelters "
        "and outreach workers can respond.",
        ("youth", "identification", "child-sex-trafficking"),
        (VS, CP, LE),
        ("child-sex-trafficking", "labor-trafficking"),
        "youth runaway homeless shelters outreach",
        "2025-05-20",
        (
            "Runaway and homeless youth face trafficking for sex and for labor. Outreach "
            "workers are often the first trusted adults they meet.",
        ),
        {"past": True, "series": "human-trafficking-webinar-series"},
    ),
    Item(
        "domestic-servitude",
        WebinarPage,
        P,
        "Domestic Servitude: Labor Trafficking in Private Homes",
        "Identifying and investigating domestic servitude, where workers are hidden in private "
        "homes as nannies, housekeepers or caregivers.",
        ("labor-trafficking", "investigation"),
        (LE, VS),
        ("labor-trafficking",),
        "domestic servitude domestic workers nannies",
        "2025-06-17",
        (
            "Domestic servitude is hard to see: the workplace is a private home and the worker "
            "may never leave it alone.",
        ),
        {"past": True, "series": "human-trafficking-webinar-series"},
    ),
    Item(
        "wiretaps-state-cases",
        WebinarPage,
        L,
        "Using Wiretaps in State-Level Human Trafficking Cases",
        "For investigators and prosecutors only: when a wiretap is worth it in a state case, "
        "how to write the application and how to minimise.",
        ("investigation", "prosecution"),
        (LE, PR),
        ("sex-trafficking", "labor-trafficking"),
        "wiretap interception electronic surveillance",
        "2025-03-11",
        (
            "Wiretaps can corroborate what victims say and reach the leaders of a trafficking "
            "enterprise. This session covers state statutes and practical minimisation.",
        ),
        {"past": True, "series": "prosecution-strategies-series"},
    ),
    Item(
        "working-with-sane",
        WebinarPage,
        M,
        "Working with Sexual Assault Nurse Examiners (SANE)",
        "How sexual assault nurse examiners support trafficking survivors and investigations, "
        "and how to bring them into the task force.",
        ("victim-services", "investigation"),
        (LE, VS, PR),
        ("sex-trafficking",),
        "SANE nurse examiner medical forensic exam",
        "2024-11-19",
        ("A medical forensic exam can document injuries and connect a survivor with care.",),
        {"past": True, "series": "human-trafficking-webinar-series"},
    ),
    Item(
        "forced-criminality",
        WebinarPage,
        M,
        "Forced Criminality: When Victims Are Made to Commit Crimes",
        "An upcoming webinar on victims compelled to commit crimes, and on screening for "
        "trafficking before charging.",
        ("prosecution", "identification"),
        (PR, LE, JU),
        ("sex-trafficking", "labor-trafficking"),
        "forced criminality non-punishment vacatur",
        "2026-01-10",
        ("Traffickers often force victims to commit crimes. Prosecutors can screen for it.",),
        {"days": 12, "series": "prosecution-strategies-series"},
    ),
    Item(
        "trafficking-in-jails",
        WebinarPage,
        P,
        "Trafficking in Local Jails and Prisons",
        "An upcoming webinar on recognising trafficking victims among people in custody and "
        "on recruitment inside jails.",
        ("identification", "investigation"),
        (LE, CP),
        ("sex-trafficking", "labor-trafficking"),
        "jails prisons custody corrections",
        "2026-01-20",
        (
            "Corrections staff can identify victims who have been "
            "arrested for crimes they were forced to commit.",
        ),
        {"days": 26, "series": "human-trafficking-webinar-series"},
    ),
    Item(
        "prosecutors-role-survivor-centered-justice",
        WebinarPage,
        L,
        "The Prosecutor's Role in Survivor-Centered Justice",
        "For prosecutors and investigators: charging decisions, plea offers and sentencing "
        "that keep survivors' interests in view.",
        ("prosecution", "victim-services"),
        (PR, LE),
        ("sex-trafficking", "labor-trafficking"),
        "prosecutors survivor-centered justice restitution",
        "2026-02-03",
        ("Survivor-centered justice asks what the survivor needs from the case.",),
        {"days": 40, "series": "prosecution-strategies-series"},
    ),
    # --- online courses ---------------------------------------------------------------------
    Item(
        "labor-trafficking-identification",
        OnlineCoursePage,
        P,
        "Labor Trafficking Identification (Online Training)",
        "A self-paced course on identifying labor trafficking: force, fraud and coercion at work, "
        "the industries at risk and the first steps after identification.",
        ("labor-trafficking", "identification"),
        (LE, VS, CP),
        ("labor-trafficking",),
        "labor trafficking identification online training self-paced",
        "2024-05-01",
        ("Work through the modules at your own pace; each takes about half an hour.",),
        {"minutes": 150},
        image=True,
    ),
    Item(
        "child-sex-trafficking-online-training",
        OnlineCoursePage,
        M,
        "Child Sex Trafficking (Online Training)",
        "A self-paced course for law enforcement and partners on identifying and responding to "
        "the sex trafficking of children.",
        ("child-sex-trafficking", "investigation"),
        (LE, VS),
        ("child-sex-trafficking",),
        "child sex trafficking online training course",
        "2024-07-15",
        ("Learn how children are recruited and controlled, and how to respond as a team.",),
        {"minutes": 120},
    ),
    Item(
        "innovative-prosecution-strategies",
        OnlineCoursePage,
        L,
        "Innovative Prosecution Strategies (Online Training)",
        "A self-paced course for prosecutors and investigators on charging strategies, "
        "corroboration and experts in trafficking cases.",
        ("prosecution",),
        (PR, LE),
        ("sex-trafficking", "labor-trafficking"),
        "prosecution strategies expert witness corroboration",
        "2024-10-01",
        (
            "Strategies from prosecutors who have tried "
            "trafficking cases in state and federal court.",
        ),
        {"minutes": 180},
    ),
    Item(
        "emerging-trafficking-issues",
        OnlineCoursePage,
        P,
        "Emerging Human Trafficking Issues (Online Training)",
        "A self-paced course on new patterns in recruitment and exploitation that task forces "
        "are seeing, updated each year.",
        ("identification", "task-force-operations"),
        (LE, PR, VS, CP),
        ("sex-trafficking", "labor-trafficking"),
        "emerging issues trends new patterns",
        "2025-08-01",
        ("What changed this year, and what it means for your task force.",),
        {"minutes": 60},
    ),
    Item(
        "forensic-interviewing-minors",
        OnlineCoursePage,
        M,
        "Forensic Interviewing of Minors in Trafficking Cases",
        "How a forensic interview of a minor victim is planned and conducted with a child "
        "advocacy center, and how investigators observe without leading.",
        ("child-sex-trafficking", "investigation", "youth"),
        (LE, PR, VS),
        ("child-sex-trafficking",),
        "forensic interview minor child advocacy center CAC",
        "2024-12-02",
        ("A forensic interview gathers a minor's account once, in a neutral setting.",),
        {"minutes": 90},
    ),
    Item(
        "trauma-informed-victim-interviewing",
        OnlineCoursePage,
        P,
        "Trauma-Informed Victim Interviewing",
        "Interview trafficking victims in a trauma-informed way: pacing, choice, safety and "
        "what trauma does to memory.",
        ("victim-services", "investigation"),
        (LE, VS, PR),
        ("sex-trafficking", "labor-trafficking"),
        "trauma-informed victim interview interviewing",
        "2024-02-14",
        ("Trauma affects how people remember and tell what happened to them.",),
        {"minutes": 75},
    ),
    Item(
        "financial-investigations",
        OnlineCoursePage,
        L,
        "Financial Investigations in Human Trafficking Cases",
        "Follow the money in a trafficking investigation: financial records, suspicious activity "
        "reports, asset forfeiture and restitution.",
        ("investigation", "prosecution"),
        (LE, PR),
        ("sex-trafficking", "labor-trafficking"),
        "financial investigation money laundering forfeiture restitution",
        "2025-01-28",
        ("Money trails corroborate victims and reach those who profit.",),
        {"minutes": 100},
    ),
    Item(
        "online-investigations",
        OnlineCoursePage,
        L,
        "Online Investigations: Advertisements and Digital Evidence",
        "Investigating trafficking online: commercial sex advertisements, social media "
        "recruitment, preserving digital evidence and legal process.",
        ("investigation",),
        (LE, PR),
        ("sex-trafficking", "child-sex-trafficking"),
        "online advertisement investigations digital evidence internet",
        "2025-03-03",
        ("Most commercial sex is advertised online; the ads are evidence.",),
        {"minutes": 110},
    ),
    # --- classroom trainings ----------------------------------------------------------------
    Item(
        "labor-trafficking-investigation-prosecution",
        ClassroomTrainingPage,
        M,
        "Labor Trafficking Investigation and Prosecution (Classroom Training)",
        "A two-day classroom training for investigators, prosecutors and victim service "
        "providers working labor trafficking cases together.",
        ("labor-trafficking", "investigation", "prosecution"),
        (LE, PR, VS),
        ("labor-trafficking",),
        "labor trafficking classroom training investigation prosecution",
        "2025-09-01",
        ("Teams attend together and work a case from tip to trial.",),
        {"sessions": [(35, "Chicago, IL", 30), (70, "Fort Worth, TX", 30)]},
        image=True,
    ),
    Item(
        "advanced-investigation-prosecution",
        ClassroomTrainingPage,
        L,
        "Advanced Human Trafficking Investigation and Prosecution (Classroom Training)",
        "For experienced investigators and prosecutors only: complex enterprises, financial "
        "evidence, wiretaps and multi-jurisdiction cases.",
        ("investigation", "prosecution"),
        (LE, PR),
        ("sex-trafficking", "labor-trafficking"),
        "advanced investigation prosecution classroom",
        "2025-09-15",
        ("Seats are few: the training is built around small-group case work.",),
        {"sessions": [(21, "West Palm Beach, FL", 2)]},
    ),
    Item(
        "leadership-institute",
        ClassroomTrainingPage,
        M,
        "Leadership Institute to Combat Human Trafficking",
        "A classroom training for police and prosecution executives on leading a collaborative "
        "response, from dedicated units to task force partnerships.",
        ("task-force-operations",),
        (LE, PR),
        ("sex-trafficking", "labor-trafficking"),
        "leadership institute executives command staff",
        "2024-10-20",
        ("Command staff leave with a plan for their agency's role in the task force.",),
        {"sessions": [(-60, "Alexandria, VA", 40)]},
    ),
    Item(
        "multidisciplinary-team-training",
        ClassroomTrainingPage,
        P,
        "Building a Multidisciplinary Response (Classroom Training)",
        "A one-day training for new task force members from every discipline on working as "
        "one team.",
        ("task-force-operations", "victim-services"),
        (LE, PR, VS, SL, CP),
        (),
        "multidisciplinary collaboration new members",
        "2025-10-01",
        (
            "Law enforcement, prosecutors, service providers "
            "and survivor-leaders learn each other's roles.",
        ),
        {"sessions": [(50, "", 100)]},
    ),
    # --- protocol templates -----------------------------------------------------------------
    Item(
        "information-sharing-protocol-checklist",
        ProtocolTemplatePage,
        P,
        "Information Sharing Protocol Checklist",
        "A protocol template and checklist for sharing information between task force "
        "partners while protecting victims' confidentiality.",
        ("protocols", "task-force-operations"),
        (LE, VS, PR),
        (),
        "information sharing protocol checklist confidentiality",
        "2023-06-01",
        ("Agree what is shared, with whom, how and when, before a case needs it.",),
        {
            "checklist": [
                "What information each partner may share and may not",
                "Victim consent and its limits",
                "How tips are passed on and recorded",
            ]
        },
    ),
    Item(
        "mou-template",
        ProtocolTemplatePage,
        P,
        "Memorandum of Understanding (MOU) Template for Task Force Partners",
        "A memorandum of understanding template that sets out each partner agency's "
        "commitments to the task force.",
        ("protocols", "task-force-operations"),
        (LE, PR, VS, CP),
        (),
        "memorandum of understanding MOU agreement partners",
        "2023-08-15",
        ("An MOU makes the partnership outlast the people who signed it.",),
        {"checklist": ["Parties and purpose", "Roles", "Information sharing", "Review date"]},
    ),
    Item(
        "strategic-planning-template",
        ProtocolTemplatePage,
        M,
        "Task Force Strategic Planning Template",
        "A strategic plan template for task force leadership: goals for the year, who owns "
        "them and how progress is measured.",
        ("task-force-operations", "data-and-evaluation"),
        (LE, VS),
        (),
        "task force strategic plan planning template goals",
        "2024-01-10",
        ("Use it with the Roadmap when setting yearly goals.",),
        {"checklist": ["Where we are", "Where we want to be", "Who does what", "How we know"]},
    ),
    Item(
        "mdt-case-review",
        ProtocolTemplatePage,
        M,
        "Multidisciplinary Team (MDT) Case Review Protocol",
        "A protocol template for regular multidisciplinary team case review meetings: who "
        "attends, what is discussed and what is recorded.",
        ("protocols", "victim-services", "investigation"),
        (LE, PR, VS),
        (),
        "multidisciplinary team MDT case review meeting",
        "2024-04-22",
        ("Case review keeps investigations and services moving together.",),
        {"checklist": ["Attendance", "Confidentiality", "Case updates", "Action items"]},
    ),
    Item(
        "victim-services-referral-protocol",
        ProtocolTemplatePage,
        P,
        "Victim Services Referral Protocol",
        "A template for referring identified victims to services quickly, at any hour, "
        "with a warm hand-off.",
        ("protocols", "victim-services"),
        (LE, VS),
        (),
        "referral protocol warm hand-off services",
        "2023-11-01",
        ("Every partner knows whom to call and what happens next.",),
        {"checklist": ["24-hour contact", "Interpretation", "Transport", "Follow-up"]},
    ),
    # --- publications -----------------------------------------------------------------------
    Item(
        "development-operations-roadmap",
        PublicationPage,
        P,
        "Development & Operations Roadmap for Anti-Human Trafficking Task Forces",
        "The Multidisciplinary Collaborative Model's planning tool: four areas of function, "
        "their key elements of development, and five stages of development.",
        ("task-force-operations", "data-and-evaluation"),
        (LE, PR, VS, SL, CP),
        (),
        "roadmap development operations stages planning tool",
        "2022-10-01",
        (
            "The Roadmap is a planning tool, not a checklist. It is organised as four areas of "
            "function, each split into key elements of development, each assessed on five "
            "stages of development.",
            "Task force leadership consults it when setting yearly goals, to spot what is "
            "working and deduce clear steps to fill gaps.",
        ),
        image=True,
    ),
    Item(
        "t-visa-certification",
        PublicationPage,
        P,
        "T Visa Certification: A Guide to the Declaration (Form I-914 Supplement B)",
        "What the T visa is, who may sign the declaration for a trafficking victim, and how "
        "a task force handles requests.",
        ("immigration-relief", "victim-services"),
        (LE, VS),
        ("sex-trafficking", "labor-trafficking"),
        "T visa certification T nonimmigrant status I-914 Supplement B declaration",
        "2024-06-01",
        ("The T visa protects victims of trafficking and lets them help investigations.",),
    ),
    Item(
        "u-visa-certification",
        PublicationPage,
        P,
        "U Visa Certification for Law Enforcement Agencies",
        "How law enforcement agencies certify U visa requests (Form I-918 Supplement B) for "
        "victims of qualifying crimes, including trafficking.",
        ("immigration-relief",),
        (LE, PR),
        ("sex-trafficking", "labor-trafficking"),
        "U visa law enforcement certification I-918 Supplement B",
        "2024-06-15",
        ("A certifying agency confirms that the victim was, is or will be helpful.",),
    ),
    Item(
        "continued-presence",
        PublicationPage,
        M,
        "Continued Presence: A Guide for Investigators",
        "Continued presence is temporary immigration status for trafficking victims who may be "
        "witnesses. How to request it early.",
        ("immigration-relief", "investigation"),
        (LE,),
        ("sex-trafficking", "labor-trafficking"),
        "continued presence temporary immigration status witnesses",
        "2024-08-20",
        ("Request continued presence as soon as a victim is identified.",),
    ),
    Item(
        "survivor-housing-options",
        PublicationPage,
        P,
        "Housing Options for Survivors of Human Trafficking",
        "Emergency, transitional and long-term housing for survivors, and how task forces "
        "partner with housing providers.",
        ("victim-services",),
        (VS, CP, SL),
        ("sex-trafficking", "labor-trafficking"),
        "housing survivors shelter transitional",
        "2025-02-01",
        ("Safe housing is the need survivors name first.",),
    ),
    Item(
        "language-access",
        PublicationPage,
        P,
        "Language Access: Working with Interpreters",
        "Providing language access for trafficking victims: qualified interpreters, "
        "translated materials and avoiding interpreters linked to the trafficker.",
        ("victim-services", "investigation"),
        (LE, VS, PR),
        ("labor-trafficking", "sex-trafficking"),
        "language access interpreters translation limited English proficiency",
        "2024-09-30",
        ("Never use a family member or an employer as an interpreter.",),
    ),
    Item(
        "performance-measures",
        PublicationPage,
        M,
        "Data Collection and Performance Measures for Task Forces",
        "What to count and how: the data collection behind ECM performance measures, and "
        "how to use the data to improve.",
        ("data-and-evaluation", "task-force-operations"),
        (LE, VS),
        (),
        "data collection performance measures evaluation reporting",
        "2024-11-01",
        ("Good data shows what is working and what the task force needs.",),
    ),
    Item(
        "ecm-program-requirements",
        PublicationPage,
        P,
        "ECM Program Requirements: Grant Guide for Task Forces",
        "What the Enhanced Collaborative Model grant requires of the lead law enforcement "
        "agency and the lead victim service provider.",
        ("task-force-operations",),
        (LE, VS),
        (),
        "ECM grant requirements Enhanced Collaborative Model funding",
        "2025-01-05",
        (
            "ECM funding goes to both a lead law enforcement agency and a lead victim service "
            "provider, who co-lead a diverse set of multidisciplinary partners.",
        ),
    ),
    Item(
        "illicit-massage-businesses",
        PublicationPage,
        L,
        "Investigating Illicit Massage Businesses",
        "For law enforcement and prosecutors only: investigating illicit massage businesses, "
        "from regulation and inspections to trafficking charges.",
        ("investigation", "prosecution"),
        (LE, PR),
        ("sex-trafficking", "labor-trafficking"),
        "illicit massage business IMB spa investigation",
        "2025-04-01",
        ("Many illicit massage businesses are fronts for both sex and labor trafficking.",),
    ),
    Item(
        "proactive-investigation-guide",
        PublicationPage,
        L,
        "Proactive Trafficking Investigations: An Investigation Guide",
        "The law-enforcement-only guide to proactive operations: planning, victim-centered "
        "operations, officer safety and case follow-up.",
        ("investigation",),
        (LE,),
        ("sex-trafficking", "labor-trafficking", "child-sex-trafficking"),
        "investigation guide proactive operations undercover",
        "2025-05-05",
        ("Plan every operation around identifying and serving victims, not arresting them.",),
    ),
    Item(
        "judges-bench-guide",
        PublicationPage,
        P,
        "Human Trafficking Bench Guide for Judges",
        "A bench guide for judges on trafficking cases: victims in the courtroom, expert "
        "testimony, sentencing and vacatur.",
        ("prosecution", "victim-services"),
        (JU, PR),
        ("sex-trafficking", "labor-trafficking"),
        "bench guide judges courts",
        "2024-04-01",
        ("Judges see trafficking victims in every kind of court.",),
    ),
    Item(
        "labor-exploitation-threat-assessment",
        PublicationPage,
        M,
        "Conducting a Local Threat Assessment of Labor Exploitation",
        "How a task force assesses which local industries are vulnerable to labor "
        "exploitation and decides where to build relationships.",
        ("labor-trafficking", "task-force-operations"),
        (LE, VS, CP),
        ("labor-trafficking",),
        "threat assessment industries vulnerable",
        "2024-07-01",
        ("A threat assessment turns a general worry into a focused plan.",),
    ),
]


def _taxonomies():
    made = {}
    for model, values in ((Topic, TOPICS), (Audience, AUDIENCES), (TraffickingType, TYPES)):
        made[model] = {}
        for slug, name in values.items():
            made[model][slug], _ = model.objects.get_or_create(slug=slug, defaults={"name": name})
    series = {}
    for slug, (name, description) in SERIES.items():
        series[slug], _ = WebinarSeries.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
    return made, series


def _collection():
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name="Library").first()
    return existing or root.add_child(name="Library")


def _document(title: str, collection, *, lines=(), vtt: str | None = None):
    Document = get_document_model()
    document = Document.objects.filter(title=title, collection=collection).first()
    if document is None:
        if vtt is not None:
            content = ContentFile(vtt.encode(), name="captions.vtt")
        else:
            content = ContentFile(pdf_bytes(title, list(lines)), name="document.pdf")
        document = Document.objects.create(title=title, file=content, collection=collection)
    return document


def _image(title: str, seed: int, collection):
    Image = get_image_model()
    image = Image.objects.filter(title=title, collection=collection).first()
    if image is None:
        image = Image.objects.create(
            title=title, file=ContentFile(png_bytes(seed), name="cover.png"), collection=collection
        )
    return image


def _paragraphs(item: Item) -> str:
    from django.utils.html import escape

    return "".join(f"<p>{escape(text)}</p>" for text in item.body)


def _build(item: Item, collection, number: int) -> ResourcePage:
    date = datetime.date.fromisoformat(item.published)
    page = item.kind(
        title=item.title,
        slug=item.slug,
        summary=item.summary,
        keywords=item.keywords,
        publisher="Task Force Hub training and technical assistance",
        publication_date=date,
        last_reviewed=date if number % 4 else date - datetime.timedelta(days=500),
        access_tier=item.tier,
    )
    lines = [item.summary, *item.body]
    if item.image:
        page.image = _image(f"Cover: {item.title}", number, collection)
    if isinstance(page, ToolkitPage):
        sections = [{"type": "text", "value": _paragraphs(item)}]
        sections.append(
            {
                "type": "document",
                "value": {
                    "document": _document(f"{item.title} (PDF)", collection, lines=lines).pk,
                    "description": "The toolkit's guidance in one printable document.",
                },
            }
        )
        for heading, entries in item.extra.get("checklists", []):
            sections.append({"type": "checklist", "value": {"heading": heading, "items": entries}})
        page.sections = sections
    elif isinstance(page, WebinarPage):
        page.description = _paragraphs(item)
        page.presenters = "Detective Maria Alvarez, Tarrant County\nAda Okafor, AEquitas"
        page.series = WebinarSeries.objects.filter(slug=item.extra.get("series")).first()
        if item.extra.get("past"):
            page.slides = _document(f"Slides: {item.title}", collection, lines=lines)
            cues = [item.title, *item.body, "Thank you for joining us."]
            page.captions = _document(f"Captions: {item.title}", collection, vtt=vtt_text(cues))
            page.transcript = "".join(
                f"<p><strong>{speaker}:</strong> {text}</p>"
                for speaker, text in (
                    ("Moderator", f"Welcome to “{item.title}”."),
                    ("Maria Alvarez", item.body[0] if item.body else item.summary),
                    ("Ada Okafor", item.summary),
                    ("Moderator", "Thank you all. The slides and captions are on this page."),
                )
            )
    elif isinstance(page, OnlineCoursePage):
        page.description = _paragraphs(item)
        page.estimated_minutes = item.extra.get("minutes")
        page.modules = [
            {
                "type": "module",
                "value": {
                    "title": title,
                    "description": f"<p>{text}</p>",
                    "minutes": (item.extra.get("minutes") or 60) // 3,
                    "link": "",
                },
            }
            for title, text in (
                ("Foundations", "Definitions, the law and the people involved."),
                ("In practice", item.summary),
                ("Working as a team", "What each discipline brings and needs."),
            )
        ]
    elif isinstance(page, ClassroomTrainingPage):
        page.description = _paragraphs(item)
    elif isinstance(page, ProtocolTemplatePage):
        page.template_document = _document(f"Template: {item.title}", collection, lines=lines)
        page.checklist = [
            {
                "type": "checklist",
                "value": {"heading": "Considerations", "items": item.extra.get("checklist", [])},
            }
        ]
        page.guidance = _paragraphs(item) + (
            "<p>Adapt the template with every partner at the table, and set a date to "
            "review it each year.</p>"
        )
    elif isinstance(page, PublicationPage):
        page.body = _paragraphs(item)
        page.document = _document(item.title, collection, lines=lines)
    page.topics.set(Topic.objects.filter(slug__in=item.topics))
    page.audiences.set(Audience.objects.filter(slug__in=item.audiences))
    page.trafficking_types.set(TraffickingType.objects.filter(slug__in=item.types))
    return page


def _sessions(page: ResourcePage, item: Item) -> None:
    if page.sessions.exists():
        return
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    if isinstance(page, WebinarPage):
        days = -40 - len(item.slug) if item.extra.get("past") else item.extra.get("days", 14)
        start = (now + datetime.timedelta(days=days)).replace(hour=18)
        EventSession.objects.create(
            page=page, start=start, end=start + datetime.timedelta(minutes=90)
        )
    for days, place, capacity in item.extra.get("sessions", []):
        start = (now + datetime.timedelta(days=days)).replace(hour=13)
        EventSession.objects.create(
            page=page,
            start=start,
            end=start + datetime.timedelta(hours=7),
            place=place,
            capacity=capacity,
            time_zone="America/Chicago" if "TX" in place or "IL" in place else "America/New_York",
        )


def ensure_index() -> LibraryIndexPage:
    index = LibraryIndexPage.objects.order_by("path").first()
    if index is None:
        home = ensure_home_page()
        index = LibraryIndexPage(
            title="Library",
            slug="library",
            intro="Toolkits, webinars, online and classroom trainings, protocol templates "
            "and publications for anti-trafficking task forces. Some resources are for "
            "members of a task force, some for law enforcement and prosecution only.",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def seed(*, log):
    from core.demo import demo_user

    index = ensure_index()
    review_workflow_ensure()
    editor = demo_user("editor@example.org", "Priya Nair (library editor)", is_staff=True)
    editor.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    _taxonomies()
    collection = _collection()
    created = 0
    existing = set(ResourcePage.objects.child_of(index).values_list("slug", flat=True))
    for number, item in enumerate(ITEMS):
        if item.slug in existing:
            page = ResourcePage.objects.get(slug=item.slug).specific
        else:
            page = _build(item, collection, number)
            index.add_child(instance=page)
            page.save_revision(user=editor, log_action=False).publish(user=editor)
            published = timezone.make_aware(
                datetime.datetime.fromisoformat(item.published).replace(hour=9)
            )
            ResourcePage.objects.filter(pk=page.pk).update(
                first_published_at=published, last_published_at=published
            )
            created += 1
        _sessions(page, item)
    log(f"library: {len(ITEMS)} resources ({created} new) in {index.url_path}", [editor])
