#!/usr/bin/env bash
# Posts the `msgadvisor diff --format markdown` comment on a pull request, or updates the one it
# posted before (found by the hidden marker its first line carries), so a pull request has one
# msgadvisor comment however often it is pushed to. Uses the GitHub CLI (`gh api`).
#
# Usage: msgadvisor-diff-comment.sh COMMENT.md
# Environment: GH_TOKEN (a token that may write pull requests), GITHUB_REPOSITORY (owner/name,
# set by Actions), PR_NUMBER.
set -euo pipefail

body=${1:?usage: msgadvisor-diff-comment.sh COMMENT.md}
repo=${GITHUB_REPOSITORY:?GITHUB_REPOSITORY (owner/name) is not set}
pr=${PR_NUMBER:?PR_NUMBER is not set}
marker='<!-- msgadvisor-diff -->'

if [ "$(head -n 1 "$body")" != "$marker" ]; then
  echo "error: $body does not start with $marker; is it \`msgadvisor diff --format markdown\` output?" >&2
  exit 2
fi

# The first of our comments, if any (an issue comment: pull requests are issues to this API).
id=$(gh api --paginate "repos/$repo/issues/$pr/comments" \
  --jq ".[] | select(.body | startswith(\"$marker\")) | .id" | head -n 1)

if [ -n "$id" ]; then
  gh api --method PATCH "repos/$repo/issues/comments/$id" -F "body=@$body" > /dev/null
  echo "msgadvisor: updated comment $id on #$pr"
elif grep -q 'No profile changed its decision, sizing or cost.' "$body"; then
  # Nothing to say and nothing said before: no comment.
  echo "msgadvisor: no profile changed; no comment"
else
  gh api --method POST "repos/$repo/issues/$pr/comments" -F "body=@$body" > /dev/null
  echo "msgadvisor: commented on #$pr"
fi
