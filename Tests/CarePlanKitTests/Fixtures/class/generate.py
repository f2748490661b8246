#!/usr/bin/env python3
"""Writes the class fixture for `careplan grade` tests: 14 student plans (two seminar groups),
each a copy of a sound OT or PT plan with known flaws put in. The first line of each file
lists the diagnostic codes the flaws must raise when graded with the standard rubric
(GradeTests checks them; CP0780, an element the rubric asks for, is grade's own), the second line
says what the student did wrong. Run from this folder; the output is committed.
"""
import os

OT = '''plan kitchen "Back to cooking after a stroke" {
  discipline OT
  client "Maria Lopez" {
    born 1954-03-12
    referral "Left MCA stroke on 2026-10-02, discharged home"
    settings home, community
  }
  clinician "Student OT"
  starts 2026-11-02
  diagnosis "Left MCA ischaemic stroke", "Right hemiparesis, dominant side"
  certify for 90 days

  assess {
    observe "Makes a cup of tea": "needs cues to sequence; spills when pouring"
    environment home: "cabinets unlabelled; no grab rail by the bath"
    copm "Preparing meals" importance 9 performance 3 satisfaction 2
  }

  goal tea "Make a hot drink" {
    occupation iadl
    assist from moderate to supervision
    condition "using labelled cabinets"
    measure "steps done without cues" from 4 to 8
    by 2026-12-14
    supports meals
  }

  goal meals "Prepare a simple hot meal" {
    occupation iadl
    assist from moderate to independent
    condition "using labelled cabinets and a perching stool"
    measure "steps done without cues" from 4 to 10
    by 2027-01-25
  }

  goal bathing "Take a bath safely" {
    occupation adl
    assist from contact-guard to modified-independent
    condition "with a grab rail and a bath board"
    by 2026-12-28
  }

  intervention labels "Label the kitchen cabinets with words and pictures" {
    type environment-modification
    serves tea, meals
  }
  intervention practice "Cooking practice in her own kitchen" {
    type occupation
    serves tea, meals
    frequency 1 per week for 10 weeks
  }
  intervention rail "Grab rail and bath board" {
    type assistive-technology
    serves bathing
  }

  checkin every 2 weeks until 2027-01-25 { review tea, meals, bathing }
}
'''

PT = '''plan knee "Walking and stairs after a knee replacement" {
  discipline PT
  client "Robert Haines" {
    born 1958-04-30
    referral "Right total knee arthroplasty on 2026-10-19"
    settings home, community, outpatient
  }
  clinician "Student PT"
  starts 2026-10-26
  diagnosis "Presence of right artificial knee joint"
  certify for 90 days

  assess {
    observe "Climbs stairs": "step-to pattern, both hands on the rail"
    score "Knee flexion, right (degrees)": 78
    score "Timed Up and Go (seconds)": 19
  }

  goal bend "Bend the right knee to 115 degrees" {
    focus range-of-motion
    measure "knee flexion, right (degrees)" from 78 to 115
    by 2026-11-30
    supports stairs
  }

  goal stairs "Climb a flight of stairs step-over-step with one rail" {
    focus mobility, strength
    measure "stairs climbed step-over-step (of 14)" from 0 to 14
    by 2026-12-07
  }

  goal car "Get in and out of the car" {
    focus transfers
    assist from contact-guard to independent
    condition "passenger side, seat pushed back"
    by 2026-12-07
  }

  intervention rom "Heel slides and stationary bike" {
    type exercise
    serves bend
  }
  intervention steps "Step-ups and stair practice" {
    type training
    serves stairs
  }
  intervention transfers "Car transfer practice with a car simulator" {
    type activity
    serves car
  }

  frequency 2 per week for 6 weeks
  checkin every 2 weeks until 2026-12-07 { review bend, stairs, car }
}
'''

def edit(text, *pairs):
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text

students = {
    "group-a/ahmed": ("", "nothing: a sound OT plan", OT),
    "group-a/brooks": ("CP0309", "left out the diagnosis",
        edit(OT, ('  diagnosis "Left MCA ischaemic stroke", "Right hemiparesis, dominant side"\n', ''))),
    "group-a/chen": ("CP0306", "wrote a vague goal with no activity",
        edit(OT, ('goal bathing "Take a bath safely"', 'goal bathing "Improve independence"'))),
    "group-a/diaz": ("CP0300", "left the assist level and condition out of a COAST goal",
        edit(OT, ('    assist from contact-guard to modified-independent\n    condition "with a grab rail and a bath board"\n', ''))),
    "group-a/evans": ("CP0301", "wrote a movement goal in an OT plan",
        edit(OT, ('goal bathing "Take a bath safely"', 'goal bathing "Increase shoulder flexion to 120 degrees"'))),
    "group-a/fischer": ("CP0308 CP0500", "set the short-term goal after the long-term goal, past the certification",
        edit(OT, ('    by 2026-12-14\n    supports meals', '    by 2027-02-08\n    supports meals'),
                 ('until 2027-01-25', 'until 2027-02-08'))),
    "group-a/garcia": ("CP0200 CP0201", "forgot to say which goal the grab rail serves",
        edit(OT, ('    type assistive-technology\n    serves bathing\n', '    type assistive-technology\n'))),
    "group-b/hughes": ("", "nothing: a sound PT plan", PT),
    "group-b/ito": ("CP0305", "gave the car goal no measure and no assist level",
        edit(PT, ('    assist from contact-guard to independent\n    condition "passenger side, seat pushed back"\n', '    condition "passenger side, seat pushed back"\n'))),
    "group-b/jones": ("CP0307", "made the knee-bend goal a long-term goal",
        edit(PT, ('    by 2026-11-30\n    supports stairs\n', '    by 2026-11-30\n'))),
    "group-b/kumar": ("CP0304 CP0310", "used OT approaches and an OT-only intervention type",
        edit(PT, ('    type exercise\n    serves bend', '    type exercise\n    approach establish\n    serves bend'),
                 ('    type activity\n    serves car', '    type occupation\n    serves car'))),
    "group-b/lopez": ("CP0102", "misspelt a goal id (an error)",
        edit(PT, ('    type training\n    serves stairs', '    type training\n    serves stiars'))),
    "group-b/mensah": ("CP0501 CP0502 CP0780", "did no assessment, let 12 sessions pass without a check-in, and nobody reviews the knee-bend goal",
        edit(PT, ('''  assess {
    observe "Climbs stairs": "step-to pattern, both hands on the rail"
    score "Knee flexion, right (degrees)": 78
    score "Timed Up and Go (seconds)": 19
  }

''', ''), ('checkin every 2 weeks until 2026-12-07', 'checkin on 2026-12-07'))),
    "group-b/novak": ("CP0302 CP0309", "wrote a goal with no movement and left out the diagnosis",
        edit(PT, ('goal car "Get in and out of the car" {\n    focus transfers\n', 'goal car "Go shopping with friends" {\n'),
                 ('  diagnosis "Presence of right artificial knee joint"\n', ''))),
    "group-b/patel": ("CP0613", "started the knee-bend goal from a different number than the assessment measured",
        edit(PT, ('measure "knee flexion, right (degrees)" from 78 to 115', 'measure "knee flexion, right (degrees)" from 85 to 115'))),
    "group-a/quinn": ("CP0200 CP0201 CP0300 CP0306 CP0309 CP0780", "a first draft: no diagnosis or assessment, a vague goal without COAST, an intervention serving nothing",
        edit(OT, ('  diagnosis "Left MCA ischaemic stroke", "Right hemiparesis, dominant side"\n', ''),
                 ('''  assess {
    observe "Makes a cup of tea": "needs cues to sequence; spills when pouring"
    environment home: "cabinets unlabelled; no grab rail by the bath"
    copm "Preparing meals" importance 9 performance 3 satisfaction 2
  }

''', ''),
                 ('goal bathing "Take a bath safely" {\n    occupation adl\n    assist from contact-guard to modified-independent\n', 'goal bathing "Work on balance" {\n    occupation adl\n'),
                 ('    type assistive-technology\n    serves bathing\n', '    type assistive-technology\n'))),
}

here = os.path.dirname(os.path.abspath(__file__))
for name, (codes, what, text) in students.items():
    path = os.path.join(here, name + ".careplan")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(f"# flaws: {codes}\n# {what}\n" + text)
