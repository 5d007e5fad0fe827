#!/usr/bin/env python3
"""Each integration's README shows the whole integration in one Swift block; its test target holds
the same lines in ReadmeExample.swift, which the package's `swift test` compiles. This checks that
every line of the README block is there (so the README cannot drift from code that compiles) and
that the block stays within 15 lines."""
import glob, re, sys
failed = False
for readme in sorted(glob.glob("Integrations/*/README.md")):
    pkg = readme.split("/")[1]
    block = re.search(r"## The whole integration\n\n```swift\n(.*?)```", open(readme).read(), re.S)
    if not block:
        print(f"{readme}: no '## The whole integration' Swift block"); failed = True; continue
    lines = [l.strip() for l in block.group(1).splitlines() if l.strip()]
    code_lines = [l for l in lines if not l.startswith("import ")]
    examples = glob.glob(f"Integrations/{pkg}/Tests/*/ReadmeExample.swift")
    if not examples:
        print(f"{pkg}: no Tests/*/ReadmeExample.swift"); failed = True; continue
    compiled = {l.strip() for l in open(examples[0]).read().splitlines()}
    missing = [l for l in lines if l not in compiled]
    for l in missing:
        print(f"{readme}: line not compiled in {examples[0]}: {l}")
    failed |= bool(missing)
    if len(code_lines) > 15:
        print(f"{readme}: the integration is {len(code_lines)} lines (imports aside), over 15"); failed = True
    print(f"{readme}: {len(code_lines)} lines of integration (+{len(lines) - len(code_lines)} imports), "
          f"{'all compiled' if not missing else f'{len(missing)} not compiled'}")
sys.exit(1 if failed else 0)
