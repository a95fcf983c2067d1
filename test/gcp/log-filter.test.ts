import { describe, expect, it } from 'vitest';
import { coverOf } from '../../src/gcp/model/log-filter.js';

const DATA_ACCESS = { project: 'acme-prod', logId: 'cloudaudit.googleapis.com/data_access' };
const cover = (filter: string) => coverOf(filter, DATA_ACCESS);

describe('how much of one log a Logging filter selects', () => {
  it('an empty filter selects every entry ("An empty filter matches all logs")', () => {
    expect(coverOf(undefined, DATA_ACCESS)).toBe('all');
    expect(cover('  ')).toBe('all');
  });

  it('LOG_ID names one log, in either case, and the log name decides it', () => {
    expect(cover('LOG_ID("cloudaudit.googleapis.com/data_access")')).toBe('all');
    expect(cover('log_id("cloudaudit.googleapis.com%2Fdata_access")')).toBe('all');
    expect(cover('LOG_ID("cloudaudit.googleapis.com/activity")')).toBe('none');
    expect(cover('logName="projects/acme-prod/logs/cloudaudit.googleapis.com%2Fdata_access"')).toBe('all');
    expect(cover('logName="projects/acme-prod/logs/requests"')).toBe('none');
    expect(cover('logName!="projects/acme-prod/logs/requests"')).toBe('all');
    // The same log id written with another project: the project's number may be its id, so undecided.
    expect(cover('logName="projects/123456789012/logs/cloudaudit.googleapis.com%2Fdata_access"')).toBe('some');
  });

  it('"has" (:) is a substring of the log name, and string comparisons are not case sensitive', () => {
    expect(cover('logName:"data_access"')).toBe('all');
    expect(cover('logName:"DATA_ACCESS"')).toBe('all');
    expect(cover('logName:"cloudaudit.googleapis.com/data_access"')).toBe('all');
    expect(cover('logName:"requests"')).toBe('none');
  });

  it("the _Default sink's own filter selects all of it; the _Required sink's none", () => {
    const required = ['activity', 'system_event', 'access_transparency'].flatMap((l) => [
      `cloudaudit.googleapis.com/${l}`,
      `externalaudit.googleapis.com/${l}`,
    ]);
    expect(cover(required.map((id) => `NOT LOG_ID("${id}")`).join(' AND '))).toBe('all');
    expect(cover(required.map((id) => `LOG_ID("${id}")`).join(' OR '))).toBe('none');
  });

  it('NOT binds tightest, then OR, then AND, written or implied ("a" OR NOT "b" AND NOT "c" OR "d")', () => {
    const da = 'LOG_ID("cloudaudit.googleapis.com/data_access")';
    const other = 'LOG_ID("requests")';
    // da OR other AND other: with OR first, (da OR other) AND other selects none of Data Access; with AND
    // first, as most languages read it, da OR (other AND other) would select all of it.
    expect(cover(`${da} OR ${other} AND ${other}`)).toBe('none');
    expect(cover(`${da} OR ${other} ${other}`)).toBe('none');
    expect(cover(`NOT ${other} ${da}`)).toBe('all');
    expect(cover(`-${da}`)).toBe('none');
    expect(cover(`(${da} OR ${other}) AND NOT ${other}`)).toBe('all');
  });

  it('any other comparison may select part of it, unless the log name already decides', () => {
    expect(cover('severity<WARNING')).toBe('some');
    expect(cover('resource.type="gcs_bucket"')).toBe('some');
    expect(cover('sample(insertId, 0.5)')).toBe('some');
    expect(cover('"some text"')).toBe('some');
    expect(cover('LOG_ID("requests") AND severity<ERROR')).toBe('none');
    expect(cover('LOG_ID("cloudaudit.googleapis.com/data_access") OR severity>=ERROR')).toBe('all');
    expect(cover('resource.type = ("gcs_bucket" OR "bigquery_dataset")')).toBe('some');
  });

  it('a filter gtp cannot parse is "some", never all or none', () => {
    expect(cover('LOG_ID("cloudaudit.googleapis.com/data_access"')).toBe('some');
    expect(cover('logName="unterminated')).toBe('some');
    expect(cover('(LOG_ID("x")')).toBe('some');
    expect(cover('LOG_ID("x"))')).toBe('some');
  });
});
