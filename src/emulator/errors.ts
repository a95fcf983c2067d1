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
