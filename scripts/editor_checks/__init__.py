"""The editors' checks of `make check` beyond data, pages and the build.

prose.py     the text an editor wrote, with file, line and column
figures.py   numbers, amounts, dates, addresses agree between the languages
spelling.py  every text against Debian's Hunspell dictionaries and data/spelling/
terms.py     the one English rendering of each administrative term (data/terms.yml)
changes.py   compared with the main branch: one-language warnings, changed pages
report.py    terminal lines, GitHub annotations and the job summary
"""
