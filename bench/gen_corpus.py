#!/usr/bin/env python3
"""Generates the benchmark corpus for bench/run, deterministically (same seed, same bytes).

Plans are modelled on examples/: OT and PT plans with a client block, an assessment, 3-6
goals, 4-8 interventions (some stamped from the shared home-safety template library, some
from a bench template file of PT exercise programmes, some in a `for` loop), a frequency,
check-ins, and a few progress records. Every plan checks without errors.

Layout for each size N (number of plans):

    OUT/templates/home-safety.careplan   copy of examples/templates/home-safety.careplan
    OUT/templates/exercise.careplan      PT/OT exercise templates (imports home-safety)
    OUT/N/single.careplan                all N plans in one file (imports the templates once)
    OUT/N/dir/plan-00001.careplan ...    one plan per file, each importing the templates

Usage: gen_corpus.py OUT_DIR SIZE [SIZE...] [--seed S]
"""
import os
import random
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

FIRST = ["Maria", "Robert", "Evelyn", "Eli", "Aisha", "Tomasz", "Grace", "Omar", "Lena", "Samuel",
         "Priya", "Jonas", "Hannah", "Kofi", "Mei", "Diego", "Ruth", "Arjun", "Sofia", "Walter"]
LAST = ["Lopez", "Haines", "Marsh", "Brennan", "Khan", "Nowak", "Okafor", "Haddad", "Berg", "Osei",
        "Sharma", "Lind", "Fischer", "Mensah", "Chen", "Alvarez", "Doyle", "Patel", "Rossi", "Grant"]
CLINICIANS = ["A. Chen, OTR/L", "M. Duarte, PT, DPT", "S. Whitfield, OTR/L (home health)",
              "R. Patel, MS, OTR/L", "J. Okoro, PT", "L. Byrne, OTR/L, CHT"]
DIAGNOSES = ["Left MCA stroke", "Right total knee arthroplasty", "Alzheimer's disease, mild",
             "Distal radius fracture, right", "Parkinson's disease", "COPD", "History of falls",
             "Rotator cuff repair, left", "Multiple sclerosis, relapsing-remitting", "Low back pain"]

OT_GOALS = [
    ("meals", "Prepare a simple hot meal", "iadl", "meal steps done without a prompt (of 10)", 4, 10),
    ("dressing", "Dress her upper body in the morning", "adl", "garments put on without help (of 5)", 1, 5),
    ("bathing", "Get in and out of the bath safely", "adl", "safe bath transfers out of 5", 1, 5),
    ("meds", "Take morning and evening medicines on time", "health-management", "doses on time in a week (of 14)", 7, 13),
    ("shopping", "Do the weekly food shop with a list", "iadl", "items found from a 12-item list", 5, 12),
    ("writing", "Write a sentence others can read", "education", "legible letters out of 20", 9, 18),
    ("keyboard", "Type for half an hour at work", "work", "minutes of typing without pain", 5, 30),
    ("garden", "Potter in the garden for an hour", "leisure", "minutes gardening before resting", 10, 60),
    ("sleep", "Sleep through the night without waking in pain", "rest-sleep", "nights a week slept through", 1, 5),
    ("friends", "Meet friends at the cafe each week", "social-participation", "outings a month", 0, 4),
]
PT_GOALS = [
    ("walk", "Walk 800 m round the park without a cane", ["gait", "mobility"], "Timed Up and Go (seconds)", 19, 10),
    ("stairs", "Climb a flight of stairs step-over-step", ["mobility", "strength"], "stairs step-over-step (of 14)", 0, 14),
    ("bend", "Bend the knee to 115 degrees", ["range-of-motion"], "knee flexion (degrees)", 78, 115),
    ("stand", "Stand up from a dining chair without using the arms", ["strength", "transfers"], "30-second chair stand (repetitions)", 6, 12),
    ("balance", "Stand on one leg for 10 seconds", ["balance"], "single-leg stance (seconds)", 2, 10),
    ("pain", "Keep pain at 3 out of 10 or less during exercise", ["pain"], "pain during exercise (0-10)", 7, 3),
    ("endurance", "Walk for 20 minutes without stopping", ["endurance", "gait"], "minutes walked without a rest", 6, 20),
    ("reach", "Reach the top shelf with the left arm", ["range-of-motion", "strength"], "shoulder flexion (degrees)", 95, 150),
]
ASSIST = ["dependent", "maximal", "moderate", "minimal", "contact-guard", "supervision", "modified-independent", "independent"]
OT_TYPES = ["occupation", "activity", "training", "education", "assistive-technology", "environment-modification", "self-regulation"]
PT_TYPES = ["exercise", "training", "education", "manual-therapy", "physical-agent"]
APPROACHES = ["create", "establish", "maintain", "modify", "prevent"]
ROOMS = ["kitchen", "bathroom", "bedroom", "hallway", "garage", "study"]
EQUIPMENT = ["reacher", "long-handled sponge", "tub transfer bench", "resistance bands", "foam pad",
             "built-up cutlery", "wrist splint", "slide board", "10 cm step", "laminated checklist"]
NOTES = ["Reviewed with the family at the first visit",
         "Progressed every week; stop if pain rises above 5 out of 10",
         "Client chose this goal first; it matters most to her",
         "Practised in the client's own home with her own equipment",
         "Carer attends every other session to learn the cues"]

EXERCISE_TEMPLATES = '''# Bench template library: exercise programmes, built on the home-safety library.
import "home-safety.careplan"

# A graded home exercise programme for one body region.
template home-exercises(serving, region = "knee", sessions = 6, length = 20) {
  intervention "exercises-${region}" "Home exercise programme for the ${region}, twice a day" {
    type exercise
    approach establish
    serves serving
    frequency weekly for sessions visits
    minutes length
    equipment "printed exercise sheet", "resistance bands"
    note "Reviewed and progressed every week"
  }
}

# Education on pacing for a long-term condition.
template pacing(serving, condition = "fatigue") {
  intervention "pacing-${condition}" "Pacing education for ${condition}: plan, pace, prioritise" {
    type education
    approach modify
    serves serving
    minutes 30
    note "Client keeps an activity diary for a week before the first session"
  }
}
'''


def q(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'


def plan_text(rng, index):
    """One realistic plan (with its `let start`, progress records and a closure)."""
    pt = rng.random() < 0.4
    pid = "c%05d" % index
    first, last = rng.choice(FIRST), rng.choice(LAST)
    month, day = rng.randint(9, 10), rng.randint(1, 28)
    start = "2026-%02d-%02d" % (month, day)
    lines = []
    w = lines.append
    w("# Plan %d: %s %s, %s." % (index, first, last, "outpatient PT" if pt else "home health OT"))
    w("let start = %s" % start)
    w("")
    w("plan %s %s {" % (pid, q(("Moving again" if pt else "Safe and independent at home") + " (%s %s)" % (first, last))))
    w("  discipline %s" % ("PT" if pt else "OT"))
    w("  client %s {" % q(first + " " + last))
    w("    born %d-%02d-%02d" % (rng.randint(1935, 2015), rng.randint(1, 12), rng.randint(1, 28)))
    w("    gender %s" % rng.choice(["female", "male", "other"]))
    w("    referral %s" % q(rng.choice(DIAGNOSES) + "; referred for " + ("physical" if pt else "occupational") + " therapy"))
    if rng.random() < 0.7:
        w("    history %s" % q("Hypertension; right-hand dominant; lives with " + rng.choice(["her husband", "his wife", "a daughter", "no one"])))
    w("    settings home, %s" % rng.choice(["community", "outpatient", "workplace"]))
    w("  }")
    w("  clinician %s" % q(rng.choice(CLINICIANS)))
    w("  starts start")
    w("  diagnosis %s" % ", ".join(q(d) for d in rng.sample(DIAGNOSES, rng.randint(1, 2))))
    w("")
    w("  assess {")
    for _ in range(rng.randint(1, 3)):
        w("    observe %s: %s" % (q(rng.choice(["Makes a cup of tea", "Climbs stairs", "Gets off the toilet", "Walks 50 m"])),
                                  q(rng.choice(["needs cues at every step", "unsteady for a few seconds", "slow but safe"]))))
    w("    score %s: %d" % (q("Timed Up and Go (seconds)"), rng.randint(8, 30)))
    if not pt and rng.random() < 0.5:
        w("    copm %s importance %d performance %d satisfaction %d" % (q("Making breakfast"), rng.randint(6, 10), rng.randint(2, 6), rng.randint(2, 6)))
    w("  }")
    goals = rng.sample(PT_GOALS if pt else OT_GOALS, rng.randint(3, 5))
    gids = []
    for gid, title, area, measure, base, target in goals:
        gids.append(gid)
        w("")
        w("  goal %s %s {" % (gid, q(title)))
        if pt:
            w("    focus %s" % ", ".join(area))
        else:
            w("    occupation %s" % area)
            lo = rng.randint(1, 4)
            w("    assist from %s to %s" % (ASSIST[lo], ASSIST[rng.randint(max(lo + 1, 5), 7)]))
            w("    condition %s" % q("with " + rng.choice(EQUIPMENT) + " and a written checklist"))
        w("    measure %s from %d to %d" % (q(measure), base, target))
        w("    by start + %d weeks" % rng.choice([4, 6, 8, 12]))
        if rng.random() < 0.7:
            w("    gas weight %d baseline -1" % rng.randint(1, 2))
        if rng.random() < 0.3:
            w("    note %s" % q(rng.choice(NOTES)))
        w("  }")
    # Interventions: some written out, some from templates, one `for` loop over rooms.
    served = set()
    types = PT_TYPES if pt else OT_TYPES
    for k in range(rng.randint(2, 4)):
        serves = rng.sample(gids, rng.randint(1, min(3, len(gids))))
        served.update(serves)
        w("")
        w("  intervention i%d %s {" % (k + 1, q(rng.choice(["Graded practice", "Strength and balance work", "Routine training", "Equipment trial"]) + " " + str(k + 1))))
        w("    type %s" % rng.choice(types))
        w("    approach %s" % rng.choice(APPROACHES))
        w("    serves %s" % ", ".join(serves))
        if rng.random() < 0.6:
            w("    minutes %d" % rng.choice([15, 20, 30, 45]))
        if rng.random() < 0.5:
            w("    equipment %s" % ", ".join(q(e) for e in rng.sample(EQUIPMENT, rng.randint(1, 2))))
        if rng.random() < 0.4:
            w("    note %s" % q(rng.choice(NOTES)))
        w("  }")
    w("")
    if pt:
        w("  use home-exercises(serving: %s, region: %s, sessions: %d)" % (gids[0], q(rng.choice(["knee", "hip", "shoulder", "back"])), rng.randint(4, 8)))
        served.add(gids[0])
    else:
        rooms = rng.sample(ROOMS, 2)
        w("  for room in [%s] {" % ", ".join(q(r) for r in rooms))
        w("    use labelled-cabinets(serving: %s, room: room)" % gids[0])
        w("  }")
        w("  use grab-rail(serving: %s, room: %s)" % (gids[1], q("bathroom")))
        served.update(gids[:2])
    rest = [g for g in gids if g not in served]
    if rest:
        w("  use pacing(serving: %s, condition: %s)" % (rest[0], q(rng.choice(["fatigue", "stiffness", "breathlessness"]))))
        served.add(rest[0])
        for g in rest[1:]:
            w("  use pacing(serving: %s, condition: %s)" % (g, q(g + "-goal")))
    w("")
    weeks = rng.choice([6, 8, 12])
    w("  frequency %d per week for %d weeks" % (rng.randint(1, 3), weeks))
    w("  checkin every 2 weeks until start + %d weeks {" % weeks)
    w("    review %s" % ", ".join(gids))
    w("  }")
    w("  reassess at %d weeks" % rng.choice([4, 6]))
    w("  certify for 90 days")
    w("}")
    # Progress records, weekly from the start.
    for week in range(rng.randint(0, 3)):
        w("")
        pday = "start + %d weeks" % (week + 1)
        w("progress %s on %s {" % (pid, pday))
        for (gid, _, _, _, base, target) in goals:
            value = base + (target - base) * (week + 1) // 6
            w("  %s %d%s" % (gid, value, " gas %d" % rng.choice([-1, 0]) if rng.random() < 0.5 else ""))
        w("}")
    return "\n".join(lines) + "\n"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main(argv):
    seed = 6
    args = []
    i = 0
    while i < len(argv):
        if argv[i] == "--seed":
            seed = int(argv[i + 1]); i += 2
        else:
            args.append(argv[i]); i += 1
    out, sizes = args[0], [int(s) for s in args[1:]]
    templates = os.path.join(out, "templates")
    os.makedirs(templates, exist_ok=True)
    shutil.copyfile(os.path.join(ROOT, "examples", "templates", "home-safety.careplan"),
                    os.path.join(templates, "home-safety.careplan"))
    write(os.path.join(templates, "exercise.careplan"), EXERCISE_TEMPLATES)
    header = "# Generated by bench/gen_corpus.py (seed %d); do not edit.\n" % seed
    for n in sizes:
        rng = random.Random(seed * 1_000_003 + n)
        plans = [plan_text(rng, i + 1) for i in range(n)]
        base = os.path.join(out, str(n))
        single = header + 'import "../templates/home-safety.careplan"\nimport "../templates/exercise.careplan"\n\n' + "\n".join(plans)
        write(os.path.join(base, "single.careplan"), single)
        d = os.path.join(base, "dir")
        if os.path.isdir(d):
            shutil.rmtree(d)
        os.makedirs(d)
        for i, p in enumerate(plans):
            write(os.path.join(d, "plan-%05d.careplan" % (i + 1)),
                  header + 'import "../../templates/home-safety.careplan"\nimport "../../templates/exercise.careplan"\n\n' + p)
        print("%d plans: single.careplan %d bytes, dir/ %d files" % (n, len(single.encode()), n), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
