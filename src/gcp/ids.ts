/**
 * The formats Google documents for the identifiers a user hands gtp. They are checked where they enter (the
 * register, command-line flags), so that nothing else can reach a request path, a generated file or a printed
 * command line as an identifier.
 */
export interface IdFormat {
  /** Whether `value` is a well-formed identifier of this kind. */
  test(value: string): boolean;
  /** The rule, for an error message. */
  rule: string;
}

const format = (rule: string, test: (value: string) => boolean): IdFormat => ({ rule, test });

/**
 * A project ID: 6 to 30 lowercase ASCII letters, digits or hyphens, starting with a letter and not ending with a
 * hyphen (Resource Manager, "Creating and managing projects"). Older projects of a Google Workspace domain are
 * named `domain.example:project-id`, which the APIs still accept.
 */
export const PROJECT_ID = format(
  '6 to 30 lowercase letters, digits or hyphens, starting with a letter and not ending with a hyphen (optionally after "example.com:")',
  (value) => /^(?:[a-z0-9][a-z0-9.-]{0,61}[a-z0-9]:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(value),
);

/** A Cloud Billing account ID: three groups of six uppercase hexadecimal digits, `012345-6789AB-CDEF01`. */
export const BILLING_ACCOUNT_ID = format(
  'three groups of six hexadecimal digits joined by hyphens, e.g. 012345-6789AB-CDEF01',
  (value) => /^[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}$/.test(value),
);

/**
 * A Cloud Storage bucket name: 3 to 63 lowercase letters, digits, hyphens, underscores or dots, starting and ending
 * with a letter or digit; with dots, up to 222 characters in components of at most 63; never an IPv4 address in
 * dotted-decimal form, never starting with "goog" (Cloud Storage, "Bucket naming rules").
 */
export const BUCKET_NAME = format(
  '3 to 63 lowercase letters, digits, -, _ or . (up to 222 with dots, 63 per part), starting and ending with a letter or digit, not an IP address, not starting with "goog"',
  (value) => {
    if (!/^[a-z0-9][a-z0-9._-]*[a-z0-9]$/.test(value) || value.startsWith('goog')) return false;
    if (/^\d+\.\d+\.\d+\.\d+$/.test(value)) return false;
    const parts = value.split('.');
    return (
      value.length <= (parts.length > 1 ? 222 : 63) &&
      value.length >= 3 &&
      parts.every((p) => p.length >= 1 && p.length <= 63)
    );
  },
);

/**
 * A Cloud SQL instance ID: lowercase letters, digits and hyphens, starting with a letter, at most 98 characters
 * (Cloud SQL, "Create instances": the instance ID).
 */
export const SQL_INSTANCE_ID = format(
  'lowercase letters, digits and hyphens, starting with a letter, at most 98 characters',
  (value) => /^[a-z][a-z0-9-]{0,97}$/.test(value),
);
