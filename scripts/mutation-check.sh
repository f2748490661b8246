#!/usr/bin/env bash
# Mutation check: do the tests fail when the code is wrong in the ways they are named after?
#
# Applies each mutant below to a scratch copy of the package, builds it (debug) and runs the
# narrowest test filter that should catch it. Exit 1 if a mutant survives (its tests still
# pass), 2 if a mutant no longer applies (the code it mutates moved: update this script).
#
#   1. the interpreter's `if` runs its `else` branch when the condition holds, and the other
#      way round                                  -> corpus scripting/if-and-for prints both
#   2. a template parameter's default is dropped  -> corpus scripting/default-uses-earlier-parameter
#   3. CP0202 (a goal due on or before the start) compares with `<` instead of `<=`
#                                                 -> corpus soundness/due-on-start-day
#
# The scratch copy lives in .build/mutation (MUTATION_SCRATCH=DIR to move it) and is kept, so
# that after the first (cold) build each mutant is an incremental debug rebuild of one file.
# Called by .ci/run after scripts/test. Time: see the README's "tests" section.
# `--applies` only checks that every mutant still applies (seconds, no build): scripts/test runs
# it, so code that moves under a mutant is caught by the README's test command, not only by CI.
set -euo pipefail
applies_only=false
[ "${1:-}" = "--applies" ] && applies_only=true
cd "$(dirname "$0")/.."
root="$(pwd)"
scratch="${MUTATION_SCRATCH:-$root/.build/mutation}"

# The pristine sources, copied over the scratch copy (unchanged files keep their times, so the
# scratch build stays warm).
sync_sources() {
  mkdir -p "$scratch/src"
  for item in Package.swift Sources Tests; do
    rm -rf "${scratch:?}/src/$item"
    cp -a "$root/$item" "$scratch/src/"
  done
  [ -f "$root/Package.resolved" ] && cp -p "$root/Package.resolved" "$scratch/src/" || true
}

# mutate FILE OLD NEW: replaces the one occurrence of OLD in FILE (below the scratch copy).
mutate() {
  python3 - "$scratch/src/$1" "$2" "$3" <<'EOF'
import sys
path, old, new = sys.argv[1:4]
text = open(path, encoding="utf-8").read()
if text.count(old) != 1:
    sys.stderr.write("mutation-check: %s: expected the text once, found it %d times:\n  %s\n" % (path, text.count(old), old))
    sys.exit(2)
open(path, "w", encoding="utf-8").write(text.replace(old, new))
EOF
}

survivors=0
run_mutant() {
  local name="$1" file="$2" old="$3" new="$4" filter="$5"
  if $applies_only; then
    grep -qF -- "$old" "$root/$file" && [ "$(grep -cF -- "$old" "$root/$file")" -eq 1 ] \
      || { echo "mutation-check: $file: expected the text once: $old" >&2; exit 2; }
    echo "applies   $name ($file)"
    return
  fi
  sync_sources
  mutate "$file" "$old" "$new" || exit 2
  local start=$SECONDS
  if ! (cd "$scratch/src" && swift build --build-tests >"$scratch/build.log" 2>&1); then
    echo "mutation-check: mutant '$name' does not compile (see $scratch/build.log); fix the mutation" >&2
    exit 2
  fi
  if (cd "$scratch/src" && swift test --skip-build --filter "$filter" >"$scratch/test-$name.log" 2>&1); then
    echo "SURVIVED  $name: the tests ($filter) still pass with the mutation in $file ($((SECONDS - start)) s)"
    survivors=$((survivors + 1))
  else
    echo "killed    $name: $(grep -c '✘ Test' "$scratch/test-$name.log" || true) failing test lines ($filter, $((SECONDS - start)) s)"
  fi
}

begin=$SECONDS
$applies_only || mkdir -p "$scratch/src"
run_mutant if-branches-swapped Sources/CarePlanInterpret/Interpret/Interpreter.swift \
  'if b { exec(then, target) } else if let otherwise { exec(otherwise, target) }' \
  'if b { if let otherwise { exec(otherwise, target) } } else { exec(then, target) }' \
  'CorpusTests'
run_mutant template-default-dropped Sources/CarePlanInterpret/Interpret/Interpreter.swift \
  'guard let def = p.defaultValue else {' \
  'guard let def = p.defaultValue, false else {' \
  'CorpusTests'
run_mutant due-date-boundary Sources/CarePlanAnalysis/Validate/GoalRules.swift \
  'if let start = context.start, let due = g.due, due.value <= start.value {' \
  'if let start = context.start, let due = g.due, due.value < start.value {' \
  'CorpusTests'
$applies_only && { echo "mutation-check: 3 mutants apply"; exit 0; }
sync_sources
echo "mutation-check: 3 mutants, $survivors survived ($((SECONDS - begin)) s)"
[ "$survivors" -eq 0 ]
