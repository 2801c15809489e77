"""The editors' checks of `make check` beyond data, pages and the build.

prose.py     the text an editor wrote, with file, line and column
figures.py   numbers, amounts, dates, addresses agree between the languages
spelling.py  every text against Debian's Hunspell dictionaries and data/spelling/
terms.py     the one English rendering of each administrative term (data/terms.yml)
changes.py   compared with the main branch: the base, one-language warnings
base_site.py the base commit built with its own code (git worktree), cached by commit
page_text.py what a reader reads on a built page (its <article>, and the frame around it)
word_diff.py word-by-word passages of what changed
difference.py the base's build against the change's: pages, addresses, feeds, documents
change_summary.py that difference in Markdown (the job summary) and in a terminal
report.py    terminal lines, GitHub annotations and the job summary
"""
