#!/usr/bin/env bash
# The logic of the msgadvisor GitHub Action (action.yml at the repository root), as a script that
# runs the same way on a laptop: what the action does after installing msgadvisor.
#
#   check mode: `msgadvisor check PATHS --format github` (annotations on stdout, most severe first;
#     the Markdown summary appended to $GITHUB_STEP_SUMMARY by msgadvisor itself), then, with
#     SARIF on, the same check as SARIF into $RUNNER_TEMP/msgadvisor/msgadvisor.sarif.
#   diff mode: `msgadvisor diff PATH --base-ref REF --format github` once: annotations on the
#     changed lines, and the pull-request comment (`--format markdown`'s text) written to
#     $RUNNER_TEMP/msgadvisor/comment.md and appended to the job summary.
#
# Environment (the action's inputs; all optional):
#   MSGADVISOR_BIN        the binary (default: `msgadvisor` on PATH)
#   MSGADVISOR_MODE       check | diff (default check)
#   MSGADVISOR_PATHS      whitespace-separated files, directories or globs (default `.`); globs
#                         reach msgadvisor unexpanded. diff takes exactly one path.
#   MSGADVISOR_SARIF      true | false (default true; check mode only)
#   MSGADVISOR_ARGS       more arguments, whitespace-separated (e.g. `--fail-on warn`)
#   MSGADVISOR_NO_CONFIG  true | false (default true): ignore .msgadvisor.yaml, which the pull
#                         request being gated could change
#   MSGADVISOR_BASE_REF   diff mode: the git ref of the base side (default origin/$GITHUB_BASE_REF)
#   MSGADVISOR_FAIL_ON    diff mode: --fail-on gates (default irreversible,weakens-check; empty
#                         for none)
#   MSGADVISOR_DEFER_EXIT true: exit 0 and leave the verdict in $GITHUB_OUTPUT `exit-code`, so the
#                         action can upload SARIF before it fails the job
# From the runner (each optional here): GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, RUNNER_TEMP.
#
# Exit code: msgadvisor's (0 nothing failing, 1 a failing decision or a fired gate, 2 invalid
# input or usage), unless deferred.
set -uo pipefail

bin=${MSGADVISOR_BIN:-msgadvisor}
mode=${MSGADVISOR_MODE:-check}
sarif=${MSGADVISOR_SARIF:-true}
no_config=${MSGADVISOR_NO_CONFIG:-true}
out_dir="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/msgadvisor"
mkdir -p "$out_dir" || exit 2

# Word-split the lists without expanding globs: msgadvisor expands them itself, in order.
set -f
read -r -d '' -a paths <<< "${MSGADVISOR_PATHS:-.}"
read -r -d '' -a extra <<< "${MSGADVISOR_ARGS:-}"
set +f
[ "${#paths[@]}" -gt 0 ] || paths=(.)

common=()
case "$no_config" in
  true) common+=(--no-config) ;;
  false) ;;
  *) echo "error: no-config must be true or false, not \`$no_config\`" >&2; exit 2 ;;
esac

output() {
  if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "$1" >> "$GITHUB_OUTPUT"; fi
}

finish() {
  output "exit-code=$1"
  if [ "${MSGADVISOR_DEFER_EXIT:-false}" = true ]; then exit 0; fi
  exit "$1"
}

if ! command -v "$bin" > /dev/null 2>&1; then
  echo "error: msgadvisor not found (\`$bin\`); install it with \`cargo install --locked --path .\` or set MSGADVISOR_BIN" >&2
  finish 2
fi

case "$mode" in
  check)
    code=0
    "$bin" check "${paths[@]}" --format github "${common[@]}" "${extra[@]}" || code=$?
    case "$sarif" in
      true)
        file="$out_dir/msgadvisor.sarif"
        scode=0
        # The summary line already reached the log from the run above.
        "$bin" check "${paths[@]}" --format sarif "${common[@]}" "${extra[@]}" > "$file" 2> /dev/null || scode=$?
        # Exit 1 is a verdict, and its findings belong in code scanning; exit 2 (invalid input,
        # output not written) left nothing worth uploading, and an empty file is never uploaded.
        if [ "$scode" -le 1 ] && [ -s "$file" ]; then
          output "sarif-file=$file"
        else
          rm -f "$file"
        fi
        ;;
      false) ;;
      *) echo "error: sarif must be true or false, not \`$sarif\`" >&2; finish 2 ;;
    esac
    finish "$code"
    ;;
  diff)
    if [ "${#paths[@]}" -ne 1 ]; then
      echo "error: diff mode compares one path (a file or directory) with the base ref; got ${#paths[@]}: ${paths[*]}" >&2
      finish 2
    fi
    base=${MSGADVISOR_BASE_REF:-}
    if [ -z "$base" ]; then
      if [ -z "${GITHUB_BASE_REF:-}" ]; then
        echo "error: diff mode needs a base ref: set base-ref (MSGADVISOR_BASE_REF), or run on a pull request" >&2
        finish 2
      fi
      base="origin/$GITHUB_BASE_REF"
    fi
    gates=()
    fail_on=${MSGADVISOR_FAIL_ON-irreversible,weakens-check}
    if [ -n "$fail_on" ]; then gates=(--fail-on "$fail_on"); fi
    comment="$out_dir/comment.md"
    : > "$comment" || finish 2
    # One run: `--format github` writes the annotations to stdout and appends the pull-request
    # comment (the same Markdown as `--format markdown`) to $GITHUB_STEP_SUMMARY, pointed here at
    # the comment file; the comment then goes to the real job summary.
    code=0
    GITHUB_STEP_SUMMARY="$comment" "$bin" diff "${paths[0]}" --base-ref "$base" --format github \
      "${gates[@]}" "${common[@]}" "${extra[@]}" || code=$?
    if [ -s "$comment" ]; then
      if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat "$comment" >> "$GITHUB_STEP_SUMMARY"; fi
      output "comment-file=$comment"
    fi
    finish "$code"
    ;;
  *)
    echo "error: mode must be check or diff, not \`$mode\`" >&2
    finish 2
    ;;
esac
