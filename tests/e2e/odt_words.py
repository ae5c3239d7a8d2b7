"""The words of an ODT's body, in document order, one blank between them
(bookmarks and tracked changes left out): what a reader reads, whatever the
layout. python3 odt_words.py FILE.odt"""
import re, sys, zipfile
import xml.etree.ElementTree as ET
T = '{urn:oasis:names:tc:opendocument:xmlns:text:1.0}'
root = ET.fromstring(zipfile.ZipFile(sys.argv[1]).read('content.xml'))
out = []
def walk(e):
    if e.tag in (T + 'tracked-changes', T + 'bookmark', T + 'bookmark-start', T + 'bookmark-end'):
        return
    if e.tag == T + 's':
        out.append(' ')
    if e.text: out.append(e.text)
    for c in e:
        walk(c)
        if c.tail: out.append(c.tail)
    if e.tag in (T + 'p', T + 'h'): out.append('\n')
walk(root.find('.//{urn:oasis:names:tc:opendocument:xmlns:office:1.0}text'))
print(' '.join(''.join(out).split()))
