"""Word tables of the "So what?" check: the words that tell an output from an outcome.

Plain data, lower case; ``lint_rules`` builds its patterns from them. A phrase of
several words matches with any white space between them.
"""

from __future__ import annotations

# Verbs that name delivering something. A key result led by one of them is an output.
DELIVERABLE_VERBS: tuple[str, ...] = (
    "launch", "ship", "release", "build", "deploy", "migrate", "implement", "publish",
    "roll out", "redesign", "create", "add", "integrate", "complete", "finish", "deliver",
    "write", "hold", "run", "host", "send", "develop", "introduce", "set up", "design",
    "rebuild", "rewrite", "refactor", "upgrade", "install", "replace", "produce", "prepare",
    "organise", "organize", "conduct", "fix", "translate", "document", "hire", "open",
    "deprecate", "sunset", "retire", "record", "draft", "present", "enable", "offer",
    "provide", "pilot", "prototype", "finalise", "finalize", "automate", "go live",
    "stand up", "spin up", "kick off", "give", "post", "interview", "train", "onboard",
)  # fmt: skip

# Verbs of the team's own activity that "do N things": "Hold 4 workshops", "Speak at 8
# conferences". ("Hold" can also lead an outcome: "Hold churn below 2%".)
COUNT_VERBS: tuple[str, ...] = (
    "write", "hold", "run", "host", "send", "publish", "ship", "release", "launch",
    "create", "produce", "deliver", "conduct", "organise", "organize", "give", "record",
    "post", "interview", "add", "build", "complete", "finish", "present", "draft", "design",
    "implement", "integrate", "deploy", "fix", "hire", "open", "translate", "train",
    "identify", "review", "speak", "secure", "make", "attend", "visit", "call", "triage",
    "submit", "tag", "do", "reach out", "shadow", "contact", "email", "meet", "upload",
    "close", "resolve", "answer", "invite", "pitch", "film", "sponsor", "exhibit",
)  # fmt: skip

# Verbs that name a change of a metric. A key result led by one of them is an outcome.
OUTCOME_VERBS: tuple[str, ...] = (
    "increase", "decrease", "reduce", "grow", "raise", "lower", "cut", "improve", "boost",
    "lift", "double", "triple", "halve", "drop", "shrink", "reach", "achieve", "attain",
    "hit", "exceed", "surpass", "keep", "maintain", "sustain", "stay", "retain", "convert",
    "shorten", "accelerate", "speed up", "expand", "minimise", "minimize", "maximise",
    "maximize", "limit", "cap", "bring down", "bring up", "move", "drive", "win", "gain",
)  # fmt: skip

# Words of a metric moving, after its subject: "Signups reach 5,000", "Churn down 30%".
MOVE_WORDS: tuple[str, ...] = (
    "reach", "reaches", "rise", "rises", "grow", "grows", "fall", "falls", "drop", "drops",
    "up", "down", "double", "doubles", "halve", "halves", "increase", "increases",
    "decrease", "decreases", "improve", "improves", "climb", "climbs", "go from", "goes from",
    "stay", "stays", "remain", "remains", "above", "below", "under", "over", "exceed",
    "exceeds", "at least", "at most", "from",
)  # fmt: skip

# Phrases that start like an outcome verb but describe a move of the system.
PHRASAL_DELIVERABLES: tuple[str, ...] = (
    "cut over", "switch over", "switch to", "move to", "move onto", "move over",
    "drop support", "port to",
)  # fmt: skip

# Verbs that count people won; "Add 500 paying merchants" is an outcome, not a feature.
ACQUISITION_VERBS: tuple[str, ...] = (
    "add", "win", "gain", "acquire", "sign", "sign up", "onboard", "attract", "activate",
    "convert", "retain", "reach", "hit", "get", "generate", "create", "bring in",
)  # fmt: skip

# People and organisations whose behaviour an outcome measures.
PEOPLE_NOUNS: tuple[str, ...] = (
    "users", "customers", "merchants", "subscribers", "members", "accounts", "clients",
    "buyers", "sellers", "shoppers", "visitors", "signups", "sign ups", "trials", "leads",
    "businesses", "teams", "companies", "readers", "followers", "donors", "students",
    "patients", "players", "learners", "guests", "actives", "households", "owners",
    "analysts", "managers", "engineers", "developers", "designers", "recruiters",
    "residents", "borrowers", "drivers", "teachers", "contributors", "publishers",
    "partners", "organisations", "organizations", "hospitals", "clinics", "agents",
    "employees", "volunteers", "savers", "researchers", "hires", "freelancers", "admins",
    "riders", "mechanics", "workshops", "stores", "schools", "families", "citizens",
    "travellers", "travelers", "hosts", "tenants", "landlords", "investors", "fans",
    "listeners", "viewers", "creators", "authors", "maintainers", "projects", "workspaces",
    "organisers", "organizers", "operators", "hiring managers", "hiring manager", "nurses",
    "doctors", "pharmacies", "logos",
    "user", "customer", "merchant", "member", "account", "client", "team", "company",
    "donor", "student", "patient", "player", "hospital", "partner", "organisation",
    "organization", "school", "household", "seller", "buyer", "shopper", "publisher",
)  # fmt: skip

# Nouns of outcome metrics, as the subject of a move: "Checkout conversion up 20%".
OUTCOME_METRICS: tuple[str, ...] = (
    "revenue", "mrr", "arr", "churn", "retention", "conversion", "nps", "csat", "ces",
    "signups", "sign ups", "orders", "bookings", "purchases", "renewals", "upgrades",
    "requests", "demo requests", "leads", "pipeline", "deals", "win rate", "margin",
    "cost", "costs", "cac", "ltv", "aov", "basket", "wait", "waiting", "latency",
    "load time", "incidents", "chargebacks", "complaints", "tickets", "calls", "sessions",
    "engagement", "satisfaction", "adoption", "usage", "traffic", "visits", "downloads",
    "installs", "activations", "referrals", "donations", "gifts", "sales", "returns",
    "refunds", "abandonment", "attrition", "no shows", "queries", "time to",
)  # fmt: skip

# Nouns that make a leading verb a modifier: "Release cycle time", "Build success rate".
METRIC_NOUNS: tuple[str, ...] = (
    "time", "times", "rate", "rates", "frequency", "cadence", "duration", "speed",
    "latency", "velocity", "throughput", "coverage", "adoption", "conversion", "cost",
    "costs", "volume", "score", "share", "ratio",
)  # fmt: skip
METRIC_MODIFIERS: tuple[str, ...] = (
    "cycle", "lead", "success", "failure", "error", "click", "completion", "response",
)  # fmt: skip

# Words that open a metric statement without a verb: "Share of orders ...: 30% -> 45%".
METRIC_LEADS: tuple[str, ...] = (
    "share", "percentage", "percent", "proportion", "number", "count", "rate", "ratio",
    "median", "average", "mean", "time", "nps", "csat", "ces", "churn", "retention",
    "revenue", "mrr", "arr", "dau", "wau", "mau", "conversion", "adoption", "p50", "p90",
    "p95", "p99",
)  # fmt: skip

# Nouns of delivery: "Rollout of the new invoice templates", "GA release of the operator".
DELIVERABLE_NOUNS: tuple[str, ...] = (
    "launch", "release", "rollout", "roll out", "migration", "redesign", "implementation",
    "delivery", "completion", "integration", "deployment", "publication", "rewrite",
    "go live", "golive", "ga release", "general availability", "open sourcing",
    "opensourcing", "deprecation notice", "sunset", "kick off", "kickoff", "first version",
    "public beta", "private beta", "closed beta", "beta", "alpha", "mvp", "pilot",
)  # fmt: skip

# States of being delivered: "Mobile app launched in 5 markets", "Roadmap agreed".
DONE_STATES: tuple[str, ...] = (
    "launched", "shipped", "released", "deployed", "migrated", "implemented", "published",
    "rolled out", "redesigned", "delivered", "completed", "complete", "finished", "done",
    "live", "integrated", "built", "created", "added", "available", "ready", "signed off",
    "went live", "gone live", "finalized", "finalised", "announced", "opened", "approved",
    "agreed", "shared", "accepted", "signed", "selected", "submitted", "sent", "passed",
    "tagged", "cut", "obtained", "filed", "remediated", "fixed", "documented", "updated",
    "configured", "upgraded", "installed", "recorded", "uploaded", "scheduled", "set up",
    "in place", "in production", "merged", "closed", "written", "translated", "retired",
    "decommissioned", "replaced", "refactored", "automated", "hired", "appointed",
)  # fmt: skip

# Capability: something becomes possible, not something people do.
CAPABILITY_MODALS: tuple[str, ...] = (
    "can", "could", "are able to", "is able to", "will be able to", "be able to",
    "are now able to", "can now", "will be possible to", "is possible to",
)  # fmt: skip

# Compliance and certification: a step others grant.
COMPLIANCE_NOUNS: tuple[str, ...] = (
    "soc 2", "soc2", "soc 1", "iso 27001", "iso 9001", "iso 27701", "iso 13485", "iso",
    "pci", "pci dss", "hipaa", "gdpr", "ccpa", "fedramp", "wcag", "ce marking", "ul listing",
    "fda", "510 k", "cyber essentials", "dpia", "dpa", "aml", "kyc", "sox", "nist",
    "compliance", "compliant", "certification", "certificate", "certified", "accreditation",
    "accredited", "authorization", "authorisation", "clearance", "audit", "audits",
    "data protection officer", "dpo", "attestation",
)  # fmt: skip

# Training that people are sent to: completing it is an output.
TRAINING_NOUNS: tuple[str, ...] = (
    "course", "courses", "training", "trainings", "module", "modules", "bootcamp",
    "exam", "exams", "certification", "workshop", "class", "classes", "curriculum",
    "e learning", "elearning", "learning path", "academy",
)  # fmt: skip

# Hiring and team growth.
HIRING_VERBS: tuple[str, ...] = (
    "hire", "recruit", "appoint", "staff", "onboard", "fill", "backfill", "bring on",
)  # fmt: skip
ROLE_NOUNS: tuple[str, ...] = (
    "engineers", "engineer", "developers", "developer", "designers", "designer",
    "researchers", "researcher", "scientists", "scientist", "analysts", "analyst",
    "managers", "manager", "reps", "representatives", "recruiters", "marketers", "writers",
    "nurses", "teachers", "people", "staff", "employees", "hires", "roles", "positions",
    "vp", "head", "director", "lead", "officer", "cto", "cfo", "coo", "interns", "sdrs",
    "aes", "pms", "product managers", "support agents", "agents",
)  # fmt: skip

# The team's own way of working: keeping to it is process, not outcome.
PROCESS_NOUNS: tuple[str, ...] = (
    "sprint", "sprints", "velocity", "carry over", "carryover", "story points",
    "commitments", "committed work", "committed stories", "backlog", "retrospective",
    "retrospectives", "retro", "retros", "standup", "standups", "stand ups", "postmortem",
    "postmortems", "post mortem", "post mortems", "runbook", "runbooks", "adr", "adrs",
    "one pager", "one pagers", "acceptance criteria", "raci", "status report",
    "status reports", "handoff", "handoffs", "hand offs", "cab", "change advisory board",
    "approval process", "planning", "okrs", "kpis", "rollback plan", "definition of done",
    "roadmap items", "milestones", "deliverables", "workstreams", "deadlines", "sla",
    "slas", "templates filled", "jira", "tickets groomed", "wiki",
)  # fmt: skip
ON_PLAN: tuple[str, ...] = (
    "on time", "on schedule", "on plan", "on the planned date", "on the planned dates",
    "on the agreed date", "on the agreed dates", "on budget", "as planned",
    "before the deadline", "by the deadline", "within the agreed deadline",
    "within the deadline", "within budget",
)  # fmt: skip

# Engineering quality of the team's own code and systems.
QUALITY_NOUNS: tuple[str, ...] = (
    "coverage", "unit tests", "unit test", "integration tests", "e2e tests", "e2e test",
    "end to end tests", "end to end test", "smoke tests", "contract test", "contract tests",
    "regression suite", "regression tests", "flaky tests", "test cases", "mutation score",
    "linting errors", "lint errors", "lint warnings", "linter", "static analysis",
    "warnings", "tech debt", "technical debt", "code smells", "type hints", "typescript",
    "health checks", "security scanner", "pen test", "pentest", "penetration test",
    "hotfix", "hotfixes", "public functions", "deprecated", "legacy screens",
    "design system components", "component library", "dependencies", "code review",
    "vulnerabilities", "cves", "sonar", "bundle size",
)  # fmt: skip
OPEN_BUGS = (
    r"(?:p[0-4]|s[0-4]|sev\s*[0-4]|open|backlog|known|critical|blocker)\s+(?:\w+\s+)?"
    r"(?:bugs|issues|defects|tickets)"
)

# Things the team produces and counts: "Double the number of blog posts".
PRODUCED_NOUNS: tuple[str, ...] = (
    "blog posts", "posts", "articles", "newsletters", "outbound emails", "emails",
    "cold calls", "sales calls", "demos", "webinars", "videos", "episodes", "podcasts",
    "case studies", "talks", "events", "meetups", "interviews", "tests",
    "experiments", "features", "integrations", "connectors", "templates", "pages",
    "landing pages", "screens", "releases", "plugins", "apis", "endpoints", "reports",
    "dashboards", "visits", "site visits", "campaigns", "ads", "tutorials", "guides",
)  # fmt: skip

# Frequency words of a recurring activity: "Weekly posts", "3 times a week".
FREQUENCIES: tuple[str, ...] = (
    "daily", "weekly", "monthly", "quarterly", "yearly", "annually", "bi weekly",
    "biweekly", "fortnightly", "every day", "every week", "every month", "every quarter",
    "every sprint", "each week", "each month", "each sprint", "a day", "a week", "a month",
    "a quarter", "per day", "per week", "per month", "per quarter", "per sprint",
)  # fmt: skip

# Politeness and framing in front of the real verb; stripped before classifying.
PREFIXES: tuple[str, ...] = (
    r"kr\s*\d*\s*[:.)]", r"q[1-4]\s*[:.)]", r"\d+\s*[.)]",
    r"(?:by|in|before|during|after|since|once|with|following)\s+[^,:]{1,40}[,:]",
    r"(?:we|i|the team|our team)\s+(?:will|shall|should|must|would like to|want to|aim to|"
    r"plan to|intend to|need to|are going to|commit to|expect to|can)",
    r"please", r"kindly", r"let us", r"aim to", r"try to", r"plan to", r"be able to", r"to",
    r"successfully", r"finally", r"fully", r"also", r"then", r"first",
)  # fmt: skip

NUMBER_WORDS: tuple[str, ...] = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "hundred",
    "a dozen", "dozen", "a hundred",
)  # fmt: skip
