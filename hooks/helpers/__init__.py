"""What the hooks share: the site model, the data loader and its schema,
typography, rendering, redirect rules, generated pages, document files and
the compatibility layer. None of these modules is an MkDocs hook: the hooks
are the modules beside this folder that mkdocs.yml lists under `hooks:`.

Imported as `helpers.<module>`: MkDocs puts a hook's folder on sys.path
while it loads the hook, and the scripts and tests put `hooks/` there.
"""
