import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  isReportArtifactKind,
  type PublishReportRequest,
} from '@tofui/backstage-plugin-tofui-common';
import Busboy from 'busboy';
import type { Request } from 'express';
import { actorOf } from '../../service/actor';
import type { PublishDraft } from '../../service/PublishDraft';
import type { ReportService } from '../../service/ReportService';
import { PayloadTooLargeError } from '../requestBody';
import { schemaValidator } from '../schemaValidator';
import type { RouteContext } from '../types';

const validateReport = schemaValidator<PublishReportRequest>(
  'PublishReportRequest',
  'report',
);

/**
 * Publishes a `multipart/form-data` body: the `report` field (JSON) first,
 * then `html`, `plan` and `log` files, each streamed to storage as it
 * arrives. The report is written only when every file is stored; on any
 * error the files stored so far are removed (see PublishDraft).
 */
export async function publishMultipart(
  req: Request,
  options: RouteContext & { reports: ReportService },
  credentials: BackstageCredentials,
) {
  const actor = actorOf(credentials);
  let busboy: Busboy.Busboy;
  try {
    busboy = Busboy({
      headers: req.headers,
      // busboy emits 'partsLimit' when the count *reaches* the limit (unlike
      // files and fields, which fire on the first one over), hence 4 + 1.
      limits: { fields: 1, files: 3, fieldSize: 10 * 1024 * 1024, parts: 5 },
    });
  } catch (error) {
    throw new InputError(
      `Malformed multipart body: ${(error as Error).message}`,
    );
  }

  let draft: PublishDraft | undefined;
  let failure: Error | undefined;
  let work: Promise<void> = Promise.resolve();
  const seen = new Set<string>();
  const fail = (error: Error) => {
    failure ??= error;
  };

  busboy.on('field', (name, value, info) => {
    work = work
      .then(async () => {
        if (failure) return;
        if (name !== 'report') {
          throw new InputError(
            `Unknown multipart field '${name}'; send the report JSON as 'report'`,
          );
        }
        if (info.valueTruncated) {
          throw new PayloadTooLargeError(
            'The report field is larger than 10 MB',
          );
        }
        let body: unknown;
        try {
          body = JSON.parse(value);
        } catch (error) {
          throw new InputError(
            `The report field is not valid JSON: ${(error as Error).message}`,
          );
        }
        const report = validateReport(body);
        if (report.artifacts) {
          throw new InputError(
            'Send artifacts either inline in the report or as files, not both',
          );
        }
        options.reportPermissions.assertMayWrite(
          credentials,
          report.source_repo,
        );
        draft = await options.reports.startPublish(report);
      })
      .catch(fail);
  });

  busboy.on('file', (name, stream) => {
    work = work
      .then(async () => {
        if (failure) return;
        if (!draft) {
          throw new InputError(
            `The '${name}' file came before the 'report' field; send 'report' first`,
          );
        }
        if (!isReportArtifactKind(name)) {
          throw new InputError(
            `Unknown artifact '${name}'; send html, plan or log`,
          );
        }
        if (seen.has(name)) {
          throw new InputError(`The '${name}' artifact was sent twice`);
        }
        seen.add(name);
        await draft.addArtifact(name, stream);
      })
      .catch(fail)
      .finally(() => stream.resume());
  });

  const finished = new Promise<void>((resolve, reject) => {
    busboy.on('close', resolve);
    busboy.on('error', error =>
      reject(
        new InputError(`Malformed multipart body: ${(error as Error).message}`),
      ),
    );
    busboy.on('partsLimit', () =>
      fail(
        new InputError(
          'Too many parts: send report, html, plan and log at most',
        ),
      ),
    );
    busboy.on('filesLimit', () =>
      fail(new InputError('Too many files: send html, plan and log at most')),
    );
    busboy.on('fieldsLimit', () =>
      fail(new InputError('Too many fields: send only report')),
    );
    req.on('aborted', () => reject(new InputError('The request was aborted')));
  });
  req.pipe(busboy);
  try {
    await finished;
    await work;
  } catch (error) {
    fail(error as Error);
  }
  if (!failure && !draft) {
    fail(new InputError("The multipart body has no 'report' field"));
  }
  if (failure) {
    await draft?.abort();
    throw failure;
  }
  return options.reports.commitPublish(draft!, actor);
}
