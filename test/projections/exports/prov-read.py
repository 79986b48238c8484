"""Reads a PROV-JSON file with python-prov (the W3C PROV reference library for Python) and reports
what it understood, for test/projections/exports/prov.python.test.ts: how many derivations it takes
for primary-source ones, how many prov:type values it reads as qualified names rather than literals,
and whether the document survives PROV-XML (well-formed, read back with the same records) and PROV-N.
Usage: python3 prov-read.py FILE.json; prints one JSON object."""
import json
import sys
import xml.dom.minidom

from prov.identifier import QualifiedName
from prov.model import PROV, PROV_TYPE, ProvDerivation, ProvDocument

def first(record, attribute):
    return next(iter(record.get_attribute(PROV[attribute])))


doc = ProvDocument.deserialize(source=sys.argv[1], format='json')
records = list(doc.get_records())
derivations = list(doc.get_records(ProvDerivation))
primary = [r for r in derivations if PROV['PrimarySource'] in r.get_asserted_types()]
revisions = [r for r in derivations if PROV['Revision'] in r.get_asserted_types()]
types = [value for r in records for (name, value) in r.attributes if name == PROV_TYPE]

prov_xml = doc.serialize(format='xml')
xml.dom.minidom.parseString(prov_xml)  # raises on a document that is not well-formed
from_xml = ProvDocument.deserialize(content=prov_xml, format='xml')
provn = doc.get_provn()

print(json.dumps({
    'records': len(records),
    'derivations': len(derivations),
    'primarySource': len(primary),
    'primarySourcePairs': sorted(f'{first(r, "generatedEntity")} <- {first(r, "usedEntity")}' for r in primary),
    'revisions': len(revisions),
    'typesAsQualifiedNames': sum(isinstance(t, QualifiedName) for t in types),
    'typesAsOther': [str(t) for t in types if not isinstance(t, QualifiedName)],
    'xmlRecords': len(list(from_xml.get_records())),
    'xmlEqual': from_xml == doc,
    'provnLines': len(provn.splitlines()),
    'namespaces': sorted(f'{ns.prefix}={ns.uri}' for ns in doc.get_registered_namespaces()),
}))
