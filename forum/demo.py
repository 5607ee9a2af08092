"""Demo content for Task Force Connect: categories, each task force's private group, North
Dakota's regional groups, a prosecutors-only group, a staff-created navigators' circle, and
about sixty conversations written from the ECM spotlight situations (the Western District of
New York dairy-farm threat assessment, North Dakota's navigators, Palm Beach's co-located
partners, Cook County's survivor art shows, protocol development). Everything goes through
the services, so notifications, unread markers and the log behave as they would live.
Idempotent: a topic already present (same space and title) is left alone."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import override_settings
from django.utils import timezone

from . import services
from .models import (
    AttachmentKind,
    EmailMode,
    Level,
    Post,
    Space,
    SpaceKind,
    SpaceRole,
    SpaceRoleKind,
    Topic,
)

CATEGORIES = [
    (
        "labor-trafficking",
        "Labor trafficking investigations",
        "Identifying, investigating and building labor trafficking cases: agriculture, "
        "construction, hospitality, domestic work.",
    ),
    (
        "victim-services",
        "Victim services",
        "Trauma-informed services, housing, case management and working alongside investigators.",
    ),
    (
        "prosecution-strategies",
        "Prosecution strategies",
        "Charging decisions, victim-centered prosecution, corroboration and trial practice.",
    ),
    (
        "task-force-operations",
        "Task force operations",
        "Protocols, MOUs, meetings, data, funding and keeping a multidisciplinary team together.",
    ),
    (
        "survivor-engagement",
        "Survivor engagement",
        "Working with survivor-leaders as paid partners, and survivor-led awareness work.",
    ),
]

WDNY = "wdny.investigator@example.org"
WDNY_LEAD = "wdny.colead@example.org"
ND_LEAD = "nd.colead@example.org"
ND_NW = "nd.navigator.northwest@example.org"
ND_SE = "nd.navigator.southeast@example.org"
ND_DEP = "nd.deputy@example.org"
COOK_LEAD = "cook.colead@example.org"
COOK_SGT = "cook.sergeant@example.org"
COOK_MOD = "cook.moderator@example.org"
MARISOL = "cook.survivor.leader@example.org"
PALM_LEAD = "palm.colead@example.org"
PALM_ADA = "palm.prosecutor@example.org"
PALM_ADV = "palm.advocate@example.org"
TAR_LEAD = "tarrant.colead@example.org"
TAR_DET = "tarrant.investigator@example.org"
CC_LEAD = "contra.colead@example.org"
CC_DET = "contra.detective@example.org"
CC_DDA = "contra.dda@example.org"
CC_ADV = "contra.advocate@example.org"

# (space slug, author, title, body, is_question, tags, [(author, reply)], solution index or
# None, {reply index: [people who found it helpful]})
TOPICS = [
    # --- Labor trafficking investigations ---
    (
        "labor-trafficking",
        TAR_DET,
        "How did you build a case around a dairy farm?",
        "Our new unit keeps hearing about workers on dairy operations outside the county who "
        'can\'t leave: housing tied to the job, passports "kept safe" by a crew boss. We have '
        "no case yet, just tips.\n\n**How did you start?** Did you go to the farms, the co-ops, "
        "or the workers' churches first? I attached our redacted tip summary, and I've been "
        "reading the [labor trafficking toolkit](/library/).",
        True,
        ["labor trafficking", "agriculture", "threat assessment"],
        [
            (
                WDNY,
                "QUOTE We started with a threat assessment, not a farm. We scored local "
                "industries for isolation, visa dependence, employer-controlled housing and "
                "language barriers, and dairy came out on top.\n\nThen we spent months on "
                "relationships: the co-op's safety trainers, the veterinarians, the milk "
                "haulers, and the clinic that sees workers on Sundays. Those people noticed "
                "things long before any worker called a hotline. @dana-whitfield ran the "
                "assessment and can share the scoring sheet.",
            ),
            (
                WDNY_LEAD,
                "Happy to. The sheet is simple: eight indicators, scored 0–3 by everyone "
                "on the task force independently, then argued over in one long meeting. "
                "The argument is the valuable part.",
            ),
            (
                TAR_DET,
                "This is exactly what I needed. We will run the scoring with our victim "
                "services partner before anyone drives out to a farm.",
            ),
            (
                CC_DET,
                "Same experience in our county with vineyard labor. The equipment dealers "
                "were our best early partners.",
            ),
        ],
        0,
        {0: [TAR_DET, CC_DET, PALM_ADA], 1: [TAR_DET]},
    ),
    (
        "labor-trafficking",
        CC_DET,
        "Interpreters for agricultural workers who speak Indigenous languages",
        "Spanish interpreters aren't enough: several workers we met speak Mixtec. How did you "
        "find interpreters you could trust not to know the employer?",
        True,
        ["interpreters", "language access"],
        [
            (
                PALM_ADV,
                "We use a national remote interpreting service for first contact and only "
                "then bring in a local interpreter, after checking for family ties to the "
                "crew leaders.",
            ),
            (WDNY, "Ask the consulate's community office for referrals; they vetted ours."),
        ],
        0,
        {0: [CC_DET]},
    ),
    (
        "labor-trafficking",
        WDNY,
        "Milk haulers as eyes and ears",
        "Drivers visit the same farms daily. We gave the haulers' association a one-page "
        "awareness card. Has anyone trained truck drivers in other industries?",
        False,
        ["agriculture", "outreach"],
        [
            (
                TAR_DET,
                "Truck stop training exists for sex trafficking; adapting it for labor "
                "indicators is on our list.",
            ),
            (ND_DEP, "Oil field water haulers here see the man camps. Worth a try."),
        ],
        None,
        {},
    ),
    (
        "labor-trafficking",
        PALM_LEAD,
        "Joint interviews with labor inspectors: worth it?",
        "Our state labor department wants to join worksite visits. Helpful, or does a wage "
        "inspector make workers clam up?",
        True,
        ["labor inspectors", "interviews"],
        [
            (
                CC_DET,
                "Helpful for access, but separate the interviews: inspector on wages, "
                "advocate present for anything about coercion.",
            ),
            (PALM_ADA, "Agree. And agree in writing who keeps which notes; discovery gets messy."),
        ],
        1,
        {1: [PALM_LEAD, CC_DDA]},
    ),
    (
        "labor-trafficking",
        TAR_DET,
        "Debt ledgers: how do you document them?",
        'We found a handwritten ledger of "rent" and "transport" debts. Photograph in place, '
        "seize, or both?",
        True,
        ["evidence", "debt bondage"],
        [
            (
                WDNY,
                "Both: photograph in place with a scale, then seize. Our prosecutors wanted the "
                "context shot as much as the ledger itself.",
            )
        ],
        0,
        {0: [TAR_DET]},
    ),
    (
        "labor-trafficking",
        CC_LEAD,
        "Labor trafficking indicators training for code enforcement",
        "Code inspectors see overcrowded housing first. Any short curriculum you liked?",
        True,
        ["training", "housing"],
        [],
        None,
        {},
    ),
    (
        "labor-trafficking",
        WDNY_LEAD,
        "Seasonal peaks: when do you plan outreach?",
        "Our dairy work is year-round but the vegetable harvest peaks in August. How do you time "
        "outreach with a small team?",
        False,
        ["outreach", "agriculture"],
        [
            (
                CC_ADV,
                "We schedule mobile clinic nights two weeks into each harvest, when people "
                "have been paid once and know what they were promised versus what they got.",
            )
        ],
        None,
        {0: [WDNY_LEAD]},
    ),
    (
        "labor-trafficking",
        ND_DEP,
        "Man camps and labor trafficking in the oil patch",
        "Anyone worked cases involving subcontracted crews living in temporary camps? Our "
        "jurisdiction lines are a puzzle.",
        True,
        ["energy", "jurisdiction"],
        [
            (
                ND_NW,
                "Bring the tribal police in early if a camp is near the reservation line; we "
                "lost weeks once figuring out who had jurisdiction.",
            )
        ],
        None,
        {0: [ND_DEP]},
    ),
    (
        "labor-trafficking",
        TAR_LEAD,
        "What finally convinced your chief to fund a labor unit?",
        "After the leadership institute our partner created a dedicated unit. What arguments "
        "worked where you are?",
        False,
        ["leadership", "funding"],
        [
            (
                WDNY_LEAD,
                "Numbers from the threat assessment, and one survivor-leader's talk to "
                "command staff. The talk mattered more.",
            )
        ],
        None,
        {0: [TAR_LEAD, TAR_DET]},
    ),
    (
        "labor-trafficking",
        CC_DET,
        "Restaurant kitchens: signs we missed",
        "Looking back at a restaurant case, the signs were there for months: workers sleeping "
        "above the kitchen and never paid directly. What indicators do you train patrol on?",
        True,
        ["hospitality", "indicators"],
        [
            (
                TAR_DET,
                "Who holds the wages and who holds the documents. Patrol can ask both "
                "questions safely during any routine contact.",
            )
        ],
        0,
        {0: [CC_DET, WDNY]},
    ),
    # --- Victim services ---
    (
        "victim-services",
        PALM_ADV,
        "Co-located advocates: how do you keep confidentiality?",
        "We sit in the same office as detectives and prosecutors. Survivors ask whether what "
        "they tell me goes to the police. How do other co-located teams draw that line?",
        True,
        ["confidentiality", "co-location"],
        [
            (
                PALM_LEAD,
                "Our written protocol says advocates share only what the survivor agrees "
                "to, and we say that out loud in every first meeting.",
            ),
            (
                CC_ADV,
                "Separate files and a locked drawer matter less than the habit: advocates "
                "never take notes in investigators' interviews.",
            ),
            (PALM_ADA, "From the prosecution side: we'd rather not know than have to disclose it."),
        ],
        1,
        {1: [PALM_ADV, COOK_LEAD], 0: [PALM_ADV]},
    ),
    (
        "victim-services",
        COOK_LEAD,
        "Emergency housing when shelters are full",
        "Our DV shelters are full most nights. What do you use for the first 72 hours?",
        True,
        ["housing", "emergency response"],
        [
            (
                ND_SE,
                "A hotel voucher fund held by the victim services lead, with two people able "
                "to approve it at night.",
            ),
            (CC_ADV, "Same, plus a standing agreement with a faith-based host home network."),
        ],
        0,
        {0: [COOK_LEAD, PALM_ADV]},
    ),
    (
        "victim-services",
        CC_ADV,
        "Case management for labor trafficking survivors",
        "Workers often want their wages and a job more than counseling. How do you adapt?",
        False,
        ["case management", "labor trafficking"],
        [
            (
                WDNY,
                "Our partner connects people to legal aid for back wages in week one. It "
                "builds trust faster than anything else.",
            )
        ],
        None,
        {0: [CC_ADV]},
    ),
    (
        "victim-services",
        ND_SE,
        "Serving survivors in rural counties without services",
        "Some of my counties have no advocate at all. How do you provide services at a "
        "distance without losing the relationship?",
        True,
        ["rural", "navigators"],
        [
            (ND_NW, "Video check-ins plus one in-person visit a month; I drive a lot."),
            (ND_LEAD, "We fund mileage for the navigators for exactly this reason."),
        ],
        0,
        {0: [ND_SE]},
    ),
    (
        "victim-services",
        PALM_ADV,
        "Trauma-informed interview rooms on a budget",
        "What did you change in your interview room that made the most difference?",
        False,
        ["trauma-informed"],
        [
            (
                COOK_SGT,
                "Soft lighting, water and tissues within reach, and the survivor sits "
                "nearest the door.",
            ),
            (MARISOL, "Being asked where I wanted to sit. That's it. It mattered."),
        ],
        None,
        {1: [PALM_ADV, COOK_SGT, CC_ADV]},
    ),
    (
        "victim-services",
        COOK_LEAD,
        "Continued Presence: timelines you've seen lately",
        "How long are requests taking in your district?",
        True,
        ["immigration relief"],
        [(PALM_LEAD, "Ours took about six weeks this year when the request was complete.")],
        None,
        {},
    ),
    (
        "victim-services",
        CC_ADV,
        "Supporting survivors through trial",
        "What helps most in the weeks before testimony?",
        False,
        ["court support"],
        [],
        None,
        {},
    ),
    (
        "victim-services",
        ND_NW,
        "Referral forms that don't re-traumatize",
        "Our referral form asks for the whole story. How short can a referral be?",
        True,
        ["referrals", "trauma-informed"],
        [
            (
                PALM_ADV,
                "Ours is one page: name, safe contact method, immediate needs. The story "
                "waits until the survivor chooses to tell it.",
            )
        ],
        0,
        {0: [ND_NW, ND_SE]},
    ),
    (
        "victim-services",
        PALM_ADV,
        "Warm handoffs between advocates when a survivor moves counties",
        "A survivor we serve is moving to another county. How do you hand over without making "
        "her tell her story again?",
        True,
        ["handoffs", "trauma-informed"],
        [
            (
                ND_SE,
                "A three-way call with the survivor on the line, and she decides what is "
                "shared. Navigators do this across regions all the time.",
            )
        ],
        0,
        {0: [PALM_ADV, CC_ADV]},
    ),
    # --- Prosecution strategies ---
    (
        "prosecution-strategies",
        PALM_ADA,
        "Corroboration when the survivor can't testify",
        "What independent evidence carried your labor trafficking cases?",
        True,
        ["corroboration", "evidence"],
        [
            (CC_DDA, "Financial records: wire transfers home that stopped once the debt began."),
            (WDNY_LEAD, "Housing leases in the employer's name and the deductions on pay stubs."),
        ],
        0,
        {0: [PALM_ADA], 1: [PALM_ADA]},
    ),
    (
        "prosecution-strategies",
        CC_DDA,
        "Expert witnesses on coercion",
        "Who have you used to explain psychological coercion to a jury?",
        True,
        ["expert witnesses"],
        [
            (
                PALM_ADA,
                "A clinician who works with survivors, not an academic; jurors followed her "
                "plain language.",
            )
        ],
        0,
        {0: [CC_DDA]},
    ),
    (
        "prosecution-strategies",
        PALM_ADA,
        "Charging state vs federal",
        "How do you decide with your U.S. Attorney's Office who takes a case?",
        False,
        ["charging", "federal partners"],
        [(WDNY_LEAD, "We decide at the first case review, together, and write down why.")],
        None,
        {},
    ),
    (
        "prosecution-strategies",
        CC_DDA,
        "Forced criminality and victim defenses",
        "Survivors arrested for crimes they were forced to commit: how do you handle it?",
        True,
        ["forced criminality"],
        [],
        None,
        {},
    ),
    (
        "prosecution-strategies",
        TAR_DET,
        "What prosecutors wish investigators documented",
        "Asking our DA's office the same question, but curious what others say.",
        True,
        ["investigations", "documentation"],
        [
            (PALM_ADA, "Every contact with the victim, including the ones where nothing happened."),
            (CC_DDA, "How the victim was identified: the first call, who made it, and why."),
        ],
        0,
        {0: [TAR_DET, CC_DET], 1: [TAR_DET]},
    ),
    (
        "prosecution-strategies",
        PALM_ADA,
        "Wiretaps in state-level trafficking cases",
        "Anyone used a state wiretap in a trafficking case? Lessons learned?",
        True,
        ["wiretaps"],
        [(CC_DDA, "Budget for translation; it was the bottleneck, not the warrant.")],
        None,
        {},
    ),
    (
        "prosecution-strategies",
        CC_DDA,
        "Restitution for lost wages",
        "How do you calculate restitution when there are no pay records?",
        True,
        ["restitution", "labor trafficking"],
        [
            (
                PALM_ADA,
                "Minimum wage times hours the workers describe, cross-checked with the "
                "employer's own production records.",
            )
        ],
        0,
        {0: [CC_DDA, WDNY]},
    ),
    # --- Task force operations ---
    (
        "task-force-operations",
        CC_LEAD,
        "Getting agencies to engage with protocol development",
        "Our partners nod in meetings and then don't review drafts. The protocol development "
        "videos helped us break through. What else worked?",
        True,
        ["protocols"],
        [
            (COOK_LEAD, "Give each agency one section to own and present. Ownership beats review."),
            (ND_LEAD, "We tied the protocol to the MOU renewal date, which set a real deadline."),
        ],
        0,
        {0: [CC_LEAD, TAR_LEAD], 1: [CC_LEAD]},
    ),
    (
        "task-force-operations",
        COOK_LEAD,
        "Using the roadmap to set yearly goals",
        "We consult each of the roadmap's four core sections when we set goals. How do others "
        "use the staging model?",
        False,
        ["roadmap", "planning"],
        [(TAR_LEAD, "We score ourselves on each element every January; the gaps become goals.")],
        None,
        {0: [COOK_LEAD]},
    ),
    (
        "task-force-operations",
        ND_LEAD,
        "Running a statewide task force across long distances",
        "Navigators liaise between each region and leadership. What meeting rhythm works for "
        "other statewide teams?",
        True,
        ["statewide", "navigators"],
        [
            (ND_SE, "Monthly regional calls, quarterly statewide, and one in-person day a year."),
            (
                PALM_LEAD,
                "Not statewide, but a standing 15-minute weekly case huddle keeps our "
                "co-located team honest.",
            ),
        ],
        0,
        {0: [ND_LEAD]},
    ),
    (
        "task-force-operations",
        PALM_LEAD,
        "Co-location: what we learned in year one",
        "Housing local and federal law enforcement, prosecutors and advocates in one office: "
        "lessons, good and bad.",
        False,
        ["co-location"],
        [
            (
                PALM_ADV,
                "Good: hallway conversations replace a week of emails. Bad: advocates need "
                "a room that is clearly theirs.",
            ),
            (CC_LEAD, "This is exactly the kind of thing we'd love to visit and see."),
        ],
        None,
        {0: [PALM_LEAD, COOK_LEAD]},
    ),
    (
        "task-force-operations",
        TAR_LEAD,
        "Tracking task force data without a shared system",
        "Spreadsheets per agency aren't working. What do you track and where?",
        True,
        ["data"],
        [],
        None,
        {},
    ),
    (
        "task-force-operations",
        WDNY_LEAD,
        "Onboarding new members when people rotate out",
        "Detectives rotate every two years. How do you keep knowledge from walking out?",
        True,
        ["turnover", "onboarding"],
        [
            (
                COOK_SGT,
                "A one-day onboarding with the protocol, a ride-along with an advocate and "
                "a list of the people to call.",
            ),
            (ND_LEAD, "Written protocols outlive people. That's the whole reason we wrote ours."),
        ],
        0,
        {0: [WDNY_LEAD, TAR_LEAD]},
    ),
    (
        "task-force-operations",
        CC_LEAD,
        "Sustaining the task force after the grant period",
        "Funding ran three years. What kept your partners at the table afterwards?",
        False,
        ["sustainability", "funding"],
        [
            (
                COOK_LEAD,
                "Shared wins. We publish a short yearly report each partner can show its "
                "own leadership.",
            )
        ],
        None,
        {0: [CC_LEAD]},
    ),
    (
        "task-force-operations",
        TAR_LEAD,
        "MOU templates with faith-based partners",
        "Does anyone have an MOU that works for a faith-based housing partner?",
        True,
        ["MOU", "partners"],
        [],
        None,
        {},
    ),
    (
        "task-force-operations",
        ND_NW,
        "Threat assessments for rural regions",
        "Has anyone adapted the WDNY approach to a rural region with few industries?",
        True,
        ["threat assessment", "rural"],
        [
            (
                WDNY_LEAD,
                "Yes, it works: score the few industries you have, plus seasonal events. "
                "Fewer rows, same conversation.",
            )
        ],
        0,
        {0: [ND_NW, ND_DEP]},
    ),
    # --- Survivor engagement ---
    (
        "survivor-engagement",
        COOK_LEAD,
        "Planning this year's survivor art show",
        "Each year survivors share their lived experience through creative work: a magazine, "
        "an art show, a spoken word night. We're planning the next show. Lessons on consent and "
        "names?",
        True,
        ["art show", "consent"],
        [
            (
                MARISOL,
                "Ask every artist how they want to be named: legal name, a pseudonym, or no "
                "name at all, and ask again before printing. People change their minds.",
            ),
            (COOK_MOD, "We also pay artists for their work, and say so in the call for entries."),
        ],
        0,
        {0: [COOK_LEAD, PALM_ADV, CC_ADV], 1: [COOK_LEAD]},
    ),
    (
        "survivor-engagement",
        MARISOL,
        "Paying survivor-leaders as consultants",
        "Too many task forces still ask survivors to speak for free. What rates do you pay?",
        False,
        ["compensation", "survivor-leaders"],
        [
            (CC_LEAD, "We pay the same hourly rate as any other expert consultant."),
            (ND_LEAD, "Written into our budget as a line item, so it survives leadership changes."),
        ],
        None,
        {0: [MARISOL], 1: [MARISOL, COOK_LEAD]},
    ),
    (
        "survivor-engagement",
        PALM_ADV,
        "Survivor advisory boards: how often do you meet?",
        "Starting one. How do you avoid tokenism?",
        True,
        ["advisory board"],
        [
            (
                MARISOL,
                "Give the board real decisions, with budgets. And meet when members can, "
                "not in office hours.",
            )
        ],
        0,
        {0: [PALM_ADV]},
    ),
    (
        "survivor-engagement",
        COOK_MOD,
        "Spoken word night: safety planning",
        "What do you put in place for performers on the night?",
        True,
        ["events", "safety"],
        [
            (
                MARISOL,
                "A quiet room, an advocate on call, and no photographs of performers "
                "without a yes on the day.",
            )
        ],
        0,
        {0: [COOK_MOD, COOK_LEAD]},
    ),
    (
        "survivor-engagement",
        CC_ADV,
        "Survivor feedback on our protocol draft",
        "We want survivor review before we finalize. How did you set that up?",
        True,
        ["protocols", "feedback"],
        [],
        None,
        {},
    ),
    (
        "survivor-engagement",
        MARISOL,
        "The magazine issue is out",
        "Our survivor-written magazine is printed. Thank you to everyone who helped with "
        "distribution.",
        False,
        ["magazine"],
        [
            (COOK_SGT, "Copies are in our lobby. People are taking them."),
            (TAR_LEAD, "Could we share it with our partners? Happy to ask first."),
        ],
        None,
        {0: [MARISOL]},
    ),
    (
        "survivor-engagement",
        ND_SE,
        "Engaging survivors in rural areas",
        "Anonymity is hard in small towns. How do you engage survivor voices safely?",
        True,
        ["rural", "privacy"],
        [
            (
                MARISOL,
                "Written contributions without names worked for us; not everyone wants a stage.",
            )
        ],
        0,
        {0: [ND_SE]},
    ),
]

# Private groups: (space lookup, author, title, body, replies)
GROUP_TOPICS = [
    (
        "tf:western-district-new-york",
        WDNY_LEAD,
        "Next round of dairy co-op visits",
        "Let's agree who visits which co-op this month and who the advocate contact is.",
        [(WDNY, "I'll take the two northern co-ops with our advocate partner.")],
    ),
    (
        "tf:western-district-new-york",
        WDNY,
        "Threat assessment refresh",
        "It's been a year; time to re-score the industries?",
        [],
    ),
    (
        "tf:north-dakota",
        ND_LEAD,
        "Navigator reports for the quarterly meeting",
        "Navigators, please bring three things: referrals, partner changes, one win.",
        [(ND_NW, "Will do."), (ND_SE, "Southeast report drafted.")],
    ),
    (
        "tf:north-dakota",
        ND_DEP,
        "Training day for sheriffs' offices",
        "Could we run one day for the smaller counties' deputies?",
        [],
    ),
    (
        "region:north-dakota/northwest",
        ND_NW,
        "Northwest: new referral pathway with the clinic",
        "The clinic in Williston agreed to call me directly. Deputy Olson, can you be the "
        "law enforcement contact?",
        [(ND_DEP, "Yes. Same as last time: advocate first, then me if the person wants it.")],
    ),
    (
        "region:north-dakota/northwest",
        ND_DEP,
        "Northwest MDT meeting moved",
        "Moving this month's MDT meeting to the second Thursday.",
        [],
    ),
    (
        "region:north-dakota/southeast",
        ND_SE,
        "Southeast: Fargo partners' contact list",
        "I updated our partner list for the region; please check your agency's entry.",
        [],
    ),
    (
        "tf:cook-county",
        COOK_LEAD,
        "Art show: call for entries draft",
        "Draft call for entries is ready for review by Friday.",
        [
            (MARISOL, "Added a line on choosing how your name appears."),
            (COOK_SGT, "Looks good from our side."),
        ],
    ),
    (
        "tf:cook-county",
        COOK_SGT,
        "Case review follow-ups",
        "Follow-ups from Tuesday's review: housing for one survivor, interpreter for another.",
        [(COOK_MOD, "REDACT")],
    ),
    (
        "tf:palm-beach-county",
        PALM_LEAD,
        "Office move: keeping the advocates' room",
        "The new floor plan keeps a separate room for advocates.",
        [],
    ),
    (
        "tf:palm-beach-county",
        PALM_ADA,
        "Joint case review format",
        "Proposing a 30-minute case review every Monday, agenda circulated Friday.",
        [(PALM_ADV, "Yes, and advocates can add items too.")],
    ),
    (
        "tf:tarrant-county",
        TAR_LEAD,
        "New unit: first ninety days",
        "Let's plan the unit's first ninety days with victim services at the table.",
        [(TAR_DET, "I'll bring what I learned from WDNY's dairy case in Connect.")],
    ),
    (
        "tf:contra-costa",
        CC_LEAD,
        "Protocol review schedule",
        "Each agency reviews its section by the end of the month.",
        [],
    ),
    (
        "tf:contra-costa",
        CC_DDA,
        "Vineyard tips follow-up",
        "Follow-up plan for the vineyard tips with the labor department.",
        [(CC_DET, "Visit scheduled with the advocate.")],
    ),
    (
        "prosecutors-only",
        PALM_ADA,
        "Jury instructions on coercion",
        "Sharing approaches to instructions on psychological coercion.",
        [(CC_DDA, "We used plain-language definitions drawn from the statute.")],
    ),
    (
        "prosecutors-only",
        CC_DDA,
        "Plea offers and victim input",
        "How do you bring survivors' views into plea decisions?",
        [(PALM_ADA, "Through the advocate, early, and we explain the outcome in person.")],
    ),
    (
        "prosecutors-only",
        PALM_ADA,
        "Discovery and advocate notes",
        "What's your office's position when defense seeks advocate records?",
        [],
    ),
    (
        "nd-navigators",
        ND_LEAD,
        "Navigators' circle: monthly check-in",
        "A space for the navigators to compare notes across regions.",
        [
            (ND_NW, "Northwest is busy with the clinic pathway."),
            (ND_SE, "Southeast needs interpreters more than anything."),
        ],
    ),
]

TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]"
    b"/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _users():
    User = get_user_model()
    return {u.email: u for u in User.objects.filter(email__endswith="@example.org")}


def _space_for(key: str, categories: dict) -> Space:
    if key.startswith("tf:"):
        return Space.objects.get(taskforce__slug=key[3:])
    if key.startswith("region:"):
        tf_slug, region_slug = key[7:].split("/")
        return Space.objects.get(region__taskforce__slug=tf_slug, region__slug=region_slug)
    return categories.get(key) or Space.objects.get(slug=key)


def _body(text: str, quoted: Post) -> str:
    if text.startswith("QUOTE "):
        handle = services.profile_for(quoted.author).handle
        first_line = quoted.body.split("\n\n")[0]
        return f"> [@{handle} wrote](/connect/p/{quoted.pk}/):\n> {first_line}\n\n{text[6:]}"
    return text


def _age(topic: Topic, days: int) -> None:
    """Spread the demo over the past weeks so lists and unread markers look lived-in."""
    start = timezone.now() - timedelta(days=days, hours=3)
    posts = list(topic.posts.order_by("number"))
    for index, post in enumerate(posts):
        Post.objects.filter(pk=post.pk).update(created_at=start + timedelta(hours=5 * index))
    Topic.objects.filter(pk=topic.pk).update(
        created_at=start, last_post_at=start + timedelta(hours=5 * (len(posts) - 1))
    )


@override_settings(FORUM_POST_RATE=None, FORUM_TOPIC_RATE=None)
def seed(*, log):
    people = _users()
    for user in people.values():
        profile = services.profile_for(user)
        if profile.email_mode != EmailMode.NONE:
            profile.email_mode = EmailMode.NONE  # the demo does not flood the console
            profile.save(update_fields=["email_mode"])
    services.spaces_sync()
    categories = {}
    for position, (slug, name, description) in enumerate(CATEGORIES):
        categories[slug], _ = Space.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "kind": SpaceKind.CATEGORY,
                "position": position,
            },
        )
    Space.objects.update_or_create(
        slug="prosecutors-only",
        defaults={
            "name": "Prosecutors only",
            "kind": SpaceKind.DISCIPLINE,
            "discipline": "prosecution",
            "position": 400,
            "description": "For prosecutors of every task force.",
        },
    )
    circle, _ = Space.objects.update_or_create(
        slug="nd-navigators",
        defaults={
            "name": "North Dakota navigators' circle",
            "kind": SpaceKind.INVITE,
            "position": 500,
            "description": "Invite-only: the regional navigators and leadership.",
        },
    )
    for email in [ND_LEAD, ND_NW, ND_SE]:
        SpaceRole.objects.get_or_create(space=circle, user=people[email], role=SpaceRoleKind.MEMBER)
    for slug, email in [("labor-trafficking", WDNY_LEAD), ("survivor-engagement", COOK_MOD)]:
        SpaceRole.objects.get_or_create(
            space=categories[slug], user=people[email], role=SpaceRoleKind.MODERATOR
        )
    services.subscription_set(
        user=people[WDNY], space=categories["labor-trafficking"], level=Level.WATCHING
    )

    created = 0
    for index, (
        slug,
        author,
        title,
        body,
        is_question,
        tags,
        replies,
        solution,
        helpful,
    ) in enumerate(TOPICS):
        space = categories[slug]
        if Topic.objects.filter(space=space, title=title).exists():
            continue
        created += 1
        _seed_topic(
            people,
            space,
            author,
            title,
            body,
            is_question,
            tags,
            replies,
            solution,
            helpful,
            age=60 - index,
        )
    for index, (key, author, title, body, replies) in enumerate(GROUP_TOPICS):
        space = _space_for(key, categories)
        if Topic.objects.filter(space=space, title=title).exists():
            continue
        created += 1
        _seed_topic(
            people, space, author, title, body, False, [], replies, None, {}, age=30 - index
        )
    count = Topic.objects.count()
    log(
        f"Connect: {Space.objects.count()} spaces, {count} topics ({created} new)",
        [people[TAR_DET], people[WDNY], people[ND_NW], people[COOK_MOD], people[PALM_ADA]],
    )


def _seed_topic(
    people, space, author, title, body, is_question, tags, replies, solution, helpful, *, age
):
    attachments = []
    if title.startswith("How did you build a case around a dairy farm"):
        attachments = [
            services.PreparedAttachment(
                kind=AttachmentKind.DOCUMENT,
                file=ContentFile(TINY_PDF, name="tip-summary.pdf"),
                original_name="tip-summary-redacted.pdf",
                size=len(TINY_PDF),
            )
        ]
    first = services.topic_create(
        space=space,
        author=people[author],
        title=title,
        body=body,
        tags=tags,
        is_question=is_question,
        attachments=attachments,
    ).post
    topic = first.topic
    posted = []
    for reply_author, text in replies:
        if text == "REDACT":
            _seed_moderated_reply(people, topic)
            continue
        posted.append(
            services.post_create(
                topic=topic,
                author=people[reply_author],
                body=_body(text, first),
            ).post
        )
    if solution is not None and posted:
        topic.refresh_from_db()
        services.solution_mark(topic=topic, post=posted[solution], by=people[author])
    for reply_index, fans in helpful.items():
        if reply_index < len(posted):
            for fan in fans:
                if people[fan].pk != posted[reply_index].author_id:
                    services.reaction_toggle(post=posted[reply_index], user=people[fan])
    _age(topic, age)


def _seed_moderated_reply(people, topic):
    """The moderation story: a post that names a survivor is hidden, the author is told why,
    and the edit history and the moderation log keep what happened."""
    post = services.post_create(
        topic=topic,
        author=people[COOK_SGT],
        body="Housing is sorted for the young woman from the nail salon case; her first name "
        "is on the intake sheet.",
    ).post
    services.post_hide(
        post=post,
        by=people[COOK_MOD],
        reason="Details that could identify a survivor. Please refer to the "
        "case by its internal number only.",
    )
    services.post_edit(
        post=post,
        editor=people[COOK_MOD],
        body="Housing is sorted for the survivor we discussed. [details removed by a moderator]",
        reason="Removed identifying details",
    )
    services.post_restore(post=post, by=people[COOK_MOD], reason="Identifying details removed")
