/** Google's JSON error body, as the REST clients parse it (google.rpc.Status with ErrorInfo details). */
export interface GoogleErrorBody {
  error: {
    code: number;
    message: string;
    status: string;
    details?: { '@type': string; reason: string; domain: string; metadata: Record<string, string> }[];
  };
}

/** A status and body, as the emulator's services answer a request. */
export type Answer = [status: number, body: unknown];

/** An error answer: the HTTP code, and Google's body with the same code, its status name and the message. */
export function failure(code: number, status: string, message: string): Answer {
  return [code, { error: { code, status, message } } satisfies GoogleErrorBody];
}

export function notFound(path: string): GoogleErrorBody {
  return {
    error: { code: 404, message: `The requested URL ${path} was not found on this server.`, status: 'NOT_FOUND' },
  };
}

/** The legacy error list that Compute, Cloud Storage and Cloud SQL still send beside (or instead of) a status. */
interface LegacyErrorBody {
  error: {
    code: number;
    message: string;
    errors: { message: string; domain: string; reason: string }[];
  };
}

/**
 * A 403 in the shape of the API that refuses it. Cloud SQL answers notAuthorized without naming the permission;
 * Compute says "Required 'P' permission for 'R'" and Cloud Storage "Permission 'P' denied on resource", each with
 * the legacy errors[] list; the other APIs answer google.rpc.Status with an ErrorInfo naming the permission.
 */
export function permissionDeniedBy(
  host: string | undefined,
  permission: string | undefined,
  resource: string,
): GoogleErrorBody | LegacyErrorBody {
  const legacy = (message: string, reason: string): LegacyErrorBody => ({
    error: { code: 403, message, errors: [{ message, domain: 'global', reason }] },
  });
  if (host === 'sqladmin.googleapis.com')
    return legacy('The client is not authorized to make this request.', 'notAuthorized');
  if (host === 'compute.googleapis.com' && permission)
    return legacy(`Required '${permission}' permission for '${resource}'`, 'forbidden');
  if (host === 'storage.googleapis.com' && permission)
    return legacy(
      `The caller does not have ${permission} access to the Google Cloud Storage resource. Permission '${permission}' denied on resource (or it may not exist).`,
      'forbidden',
    );
  return permissionDenied(permission, resource);
}

export function permissionDenied(permission: string | undefined, resource: string): GoogleErrorBody {
  return {
    error: {
      code: 403,
      message: permission
        ? `Permission '${permission}' denied on resource '${resource}' (or it may not exist).`
        : 'The caller does not have permission',
      status: 'PERMISSION_DENIED',
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'IAM_PERMISSION_DENIED',
          domain: 'iam.googleapis.com',
          metadata: { ...(permission ? { permission } : {}), resource },
        },
      ],
    },
  };
}

export function serviceDisabled(service: string, project: string): GoogleErrorBody {
  return {
    error: {
      code: 403,
      message: `${service} API has not been used in project ${project} before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/${service}/overview?project=${project} then retry.`,
      status: 'PERMISSION_DENIED',
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'SERVICE_DISABLED',
          domain: 'googleapis.com',
          metadata: { service, consumer: `projects/${project}` },
        },
      ],
    },
  };
}

export function unavailable(): GoogleErrorBody {
  return { error: { code: 503, message: 'The service is currently unavailable.', status: 'UNAVAILABLE' } };
}

/**
 * What a client-based API answers a user credential (gcloud auth application-default login) that names no quota
 * project, with the OAuth client's own project as the consumer (ADC troubleshooting for user credentials).
 */
export function quotaProjectRequired(service: string): GoogleErrorBody {
  return {
    error: {
      code: 403,
      message: `Your application is authenticating by using local Application Default Credentials. The ${service} API requires a quota project, which is not set by default. To learn how to set your quota project, see https://cloud.google.com/docs/authentication/adc-troubleshooting/user-creds .`,
      status: 'PERMISSION_DENIED',
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'SERVICE_DISABLED',
          domain: 'googleapis.com',
          metadata: { service, consumer: 'projects/764086051850' },
        },
      ],
    },
  };
}
