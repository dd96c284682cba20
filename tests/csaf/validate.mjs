// Validates CSAF 2.0 files with the BSI/secvisogram validator library
// (@secvisogram/csaf-validator-lib, pinned in package.json).
//
// Usage: node tests/csaf/validate.mjs FILE...
//
// An advisory gets the library's strict CSAF 2.0 JSON schema test
// (csaf_2_0_strict), every mandatory test of section 6.1 (6.1.1 to 6.1.33,
// 6.1.8 included) and the recommended ("optional") tests of section 6.2,
// through validateStrict. Besides, the file's name must be the one
// section 5.1 derives from /document/tracking/id (requirement 2, 7.1.2),
// and a file in a folder named by a year must sit in the year of its
// initial_release_date (requirement 11, 7.1.11).
// A file named provider-metadata.json is checked as CSAF provider metadata
// (section 7.2.1): see checkProviderMetadata.
//
// Prints per file either "ok FILE" or one line per error, then
// "FAIL FILE"; warnings of the schema and mandatory tests and the findings
// of the recommended tests are printed as "warning" and "info" lines and
// never fail a file.
// Exit status: 0 no errors, 1 an error in any file, 2 usage.
import { readFileSync } from 'node:fs'
import { basename, dirname } from 'node:path'
import validateStrict from '@secvisogram/csaf-validator-lib/validateStrict.js'
import { csaf_2_0_strict } from '@secvisogram/csaf-validator-lib/schemaTests.js'
import * as mandatory from '@secvisogram/csaf-validator-lib/mandatoryTests.js'
import * as recommended from '@secvisogram/csaf-validator-lib/optionalTests.js'
// The library's own Ajv instance (draft 2020-12, ajv-formats) and its copy
// of the strict CSAF 2.0 schema, for the publisher of provider metadata.
import csafAjv from '@secvisogram/csaf-validator-lib/lib/shared/csafAjv.js'
import csafStrictSchema from '@secvisogram/csaf-validator-lib/lib/schemaTests/csaf_2_0_strict/schema.js'

const mandatoryTests = Object.values(mandatory)
const recommendedTests = Object.values(recommended)
// Section 6.1 has 6.1.1 to 6.1.33 with 6.1.27.1 to 6.1.27.11: 43 tests.
// Fewer means the library's exports changed under us.
if (mandatoryTests.length < 43) {
  console.error(
    `validate.mjs: the library exports only ${mandatoryTests.length} mandatory tests, 43 expected`
  )
  process.exit(2)
}

/** @type {{ lines: string[], errors: number }} */
let out

function say(kind, file, test, instancePath, message) {
  if (kind === 'error') out.errors++
  out.lines.push(`${kind} ${file}: ${test} ${instancePath || '/'}: ${message}`)
}

// The file name section 5.1 gives a document: the tracking ID in lower
// case, every run of characters other than + - a-z 0-9 replaced by _.
// Same expression as the library's test 6.2.11.
const fileNameOf = (id) => id.toLowerCase().replace(/[^+\-a-z0-9]+/g, '_') + '.json'

async function checkAdvisory(file, doc) {
  const tests = [csaf_2_0_strict, ...mandatoryTests, ...recommendedTests]
  const result = await validateStrict(tests, doc)
  for (const t of result.tests) {
    const isRecommended = recommendedTests.some((r) => r.name === t.name)
    for (const e of t.errors)
      say(isRecommended ? 'info' : 'error', file, t.name, e.instancePath, e.message)
    for (const w of t.warnings)
      say(isRecommended ? 'info' : 'warning', file, t.name, w.instancePath, w.message)
    for (const i of t.infos) say('info', file, t.name, i.instancePath, i.message)
    // A failing test without a message still fails the file.
    if (!t.isValid && !isRecommended && t.errors.length === 0)
      say('error', file, t.name, '/', 'test failed without a message')
  }

  const tracking = doc?.document?.tracking
  if (typeof tracking?.id === 'string') {
    const want = fileNameOf(tracking.id)
    if (basename(file) !== want)
      say('error', file, 'csaf_7_1_2_filename', '/document/tracking/id',
        `the file should be named ${want}`)
  }
  const yearDir = basename(dirname(file))
  if (/^[0-9]{4}$/.test(yearDir) && typeof tracking?.initial_release_date === 'string') {
    const year = tracking.initial_release_date.slice(0, 4)
    if (year !== yearDir)
      say('error', file, 'csaf_7_1_11_year_folder', '/document/tracking/initial_release_date',
        `released in ${year}, but in the folder ${yearDir}`)
  }
}

// provider-metadata.json. The library ships no provider metadata schema
// (only the CSAF document schemas and the CVSS ones), so this checks by
// hand what section 7.2.1 and its schema
// (https://docs.oasis-open.org/csaf/csaf/v2.0/provider_json_schema.json)
// require: canonical_url a URI ending in /provider-metadata.json;
// last_updated a date-time; list_on_CSAF_aggregators and
// mirror_on_CSAF_aggregators booleans; metadata_version "2.0"; publisher
// as in a CSAF document (category, name, namespace; checked with the
// library's strict CSAF schema); role csaf_publisher, csaf_provider or
// csaf_trusted_provider; distributions (optional in the schema, but the
// provider roles need a directory or ROLIE distribution, requirements
// 11-14 or 15-17): a non-empty array whose items have directory_url (a
// URI) or rolie with feeds [{tlp_label, url ending in .json}]; each of
// public_openpgp_keys has a url and a fingerprint of 40 or more hex
// digits. An unknown top-level property is a warning.
const isUri = csafAjv.compile({ type: 'string', format: 'uri' })
const isDateTime = csafAjv.compile({ type: 'string', format: 'date-time' })
// schemaTests.js compiled the strict schema into csafAjv, under its $id.
const publisherSchema = csafAjv.getSchema(
  `${csafStrictSchema.$id}#/properties/document/properties/publisher`
)
if (!publisherSchema) {
  console.error('validate.mjs: no publisher in the library\'s CSAF schema')
  process.exit(2)
}
const KNOWN = [
  'canonical_url', 'distributions', 'last_updated', 'list_on_CSAF_aggregators',
  'metadata_version', 'mirror_on_CSAF_aggregators', 'public_openpgp_keys',
  'publisher', 'role',
]
const ROLES = ['csaf_publisher', 'csaf_provider', 'csaf_trusted_provider']
const TLP = ['UNLABELED', 'WHITE', 'GREEN', 'AMBER', 'RED']

function checkProviderMetadata(file, pm) {
  const T = 'provider_metadata_7_2_1'
  const err = (path, msg) => say('error', file, T, path, msg)
  if (pm === null || typeof pm !== 'object' || Array.isArray(pm)) {
    err('/', 'must be a JSON object')
    return
  }
  for (const k of ['canonical_url', 'last_updated', 'list_on_CSAF_aggregators',
    'metadata_version', 'mirror_on_CSAF_aggregators', 'publisher', 'role'])
    if (!(k in pm)) err('/', `must have required property '${k}'`)
  for (const k of Object.keys(pm))
    if (!KNOWN.includes(k))
      say('warning', file, T, `/${k}`, 'not a property of CSAF 2.0 provider metadata')

  if ('canonical_url' in pm) {
    const u = pm.canonical_url
    if (!isUri(u)) err('/canonical_url', 'must be a URI')
    else {
      if (!/\/provider-metadata\.json$/.test(u))
        err('/canonical_url', 'must end with /provider-metadata.json')
      if (!u.startsWith('https://'))
        err('/canonical_url', 'must be an https:// URL (requirement 3, TLS)')
    }
  }
  if ('last_updated' in pm && !isDateTime(pm.last_updated))
    err('/last_updated', 'must be a date-time (RFC 3339)')
  for (const k of ['list_on_CSAF_aggregators', 'mirror_on_CSAF_aggregators'])
    if (k in pm && typeof pm[k] !== 'boolean') err(`/${k}`, 'must be a boolean')
  if ('metadata_version' in pm && pm.metadata_version !== '2.0')
    err('/metadata_version', 'must be "2.0"')
  if ('role' in pm && !ROLES.includes(pm.role))
    err('/role', `must be one of ${ROLES.join(', ')}`)
  if ('publisher' in pm && !publisherSchema(pm.publisher))
    for (const e of publisherSchema.errors ?? [])
      err(`/publisher${e.instancePath}`, e.message ?? 'invalid')

  const d = pm.distributions
  if (d === undefined) {
    if (pm.role !== 'csaf_publisher')
      err('/', `a ${pm.role} must have distributions (a directory or ROLIE)`)
  } else if (!Array.isArray(d) || d.length === 0) {
    err('/distributions', 'must be a non-empty array')
  } else {
    d.forEach((dist, i) => {
      const p = `/distributions/${i}`
      if (dist === null || typeof dist !== 'object' || Array.isArray(dist)) {
        err(p, 'must be an object')
        return
      }
      if (!('directory_url' in dist) && !('rolie' in dist))
        err(p, 'must have directory_url or rolie')
      if ('directory_url' in dist && !isUri(dist.directory_url))
        err(`${p}/directory_url`, 'must be a URI')
      if ('rolie' in dist) {
        const feeds = dist.rolie?.feeds
        if (!Array.isArray(feeds) || feeds.length === 0)
          err(`${p}/rolie/feeds`, 'must be a non-empty array')
        else
          feeds.forEach((f, j) => {
            if (!TLP.includes(f?.tlp_label))
              err(`${p}/rolie/feeds/${j}/tlp_label`, `must be one of ${TLP.join(', ')}`)
            if (!isUri(f?.url) || !f.url.endsWith('.json'))
              err(`${p}/rolie/feeds/${j}/url`, 'must be a URI ending in .json')
          })
      }
    })
  }

  const keys = pm.public_openpgp_keys
  if (keys !== undefined) {
    if (!Array.isArray(keys)) err('/public_openpgp_keys', 'must be an array')
    else
      keys.forEach((k, i) => {
        if (!isUri(k?.url)) err(`/public_openpgp_keys/${i}/url`, 'must be a URI')
        if (k?.fingerprint !== undefined && !/^[0-9a-fA-F]{40,}$/.test(k.fingerprint))
          err(`/public_openpgp_keys/${i}/fingerprint`, 'must be 40 or more hex digits')
      })
  }
}

const files = process.argv.slice(2)
if (files.length === 0 || files.some((f) => f.startsWith('-'))) {
  console.error('usage: node tests/csaf/validate.mjs FILE...')
  process.exit(2)
}

let failed = 0
for (const file of files) {
  out = { lines: [], errors: 0 }
  let doc
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'))
  } catch (e) {
    say('error', file, 'json', '/', e.message)
  }
  if (doc !== undefined) {
    if (basename(file) === 'provider-metadata.json') checkProviderMetadata(file, doc)
    else await checkAdvisory(file, doc)
  }
  for (const l of out.lines) console.log(l)
  if (out.errors) {
    failed++
    console.log(`FAIL ${file}`)
  } else console.log(`ok ${file}`)
}
process.exit(failed ? 1 : 0)
