/**
 * The errors each control-plane operation declares in the Personalize API model (`@aws-sdk/client-personalize`
 * 3.1138, the `@throws` of each command, the same as botocore's `personalize/2018-05-22/service-2.json`), and the
 * rule that keeps the endpoint to them: an error the operation does not declare is answered as one it does, with
 * the original name kept in the message.
 *
 * The choice: `InvalidInputException` where declared (every operation but ListDatasetGroups and ListSchemas), else
 * `InvalidNextTokenException` (the only error those two declare). Throttling and 5xx faults pass as they are: they
 * are AWS's common errors, which no operation lists and every client handles.
 * @module
 */
import { AbortedError, InvalidInputError, ThrottledError, TransientError, TransportError } from '../errors.js';
import { toWireError } from './wire-errors.js';

const CREATE = ['InvalidInputException', 'ResourceAlreadyExistsException', 'LimitExceededException'];
const CREATE_IN_GROUP = [...CREATE, 'ResourceNotFoundException', 'ResourceInUseException', 'TooManyTagsException'];
const DESCRIBE = ['InvalidInputException', 'ResourceNotFoundException'];
const DELETE = ['InvalidInputException', 'ResourceNotFoundException', 'ResourceInUseException'];
const LIST = ['InvalidInputException', 'InvalidNextTokenException'];

/** The declared errors of every operation the endpoint serves, by operation name. */
export const DECLARED_ERRORS: Readonly<Record<string, readonly string[]>> = {
  CreateDatasetGroup: [...CREATE, 'TooManyTagsException'],
  CreateSchema: CREATE,
  CreateDataset: CREATE_IN_GROUP,
  CreateEventTracker: CREATE_IN_GROUP,
  CreateDatasetImportJob: CREATE_IN_GROUP,
  DescribeDatasetGroup: DESCRIBE,
  DescribeSchema: DESCRIBE,
  DescribeDataset: DESCRIBE,
  DescribeEventTracker: DESCRIBE,
  DescribeDatasetImportJob: DESCRIBE,
  DeleteDatasetGroup: DELETE,
  DeleteSchema: DELETE,
  DeleteDataset: DELETE,
  DeleteEventTracker: DELETE,
  ListDatasets: LIST,
  ListDatasetImportJobs: LIST,
  ListEventTrackers: LIST,
  ListDatasetGroups: ['InvalidNextTokenException'],
  ListSchemas: ['InvalidNextTokenException'],
};

/** Whether an error passes as it is, whatever the operation declares: AWS's common errors and an abort. */
function common(error: unknown): boolean {
  return error instanceof ThrottledError || error instanceof TransientError || error instanceof AbortedError;
}

/** `error` as one of the errors `operation` declares (itself when it is one, or a common error). */
export function declaredError(operation: string, error: unknown): unknown {
  const declared = DECLARED_ERRORS[operation];
  if (declared === undefined || common(error) || !(error instanceof TransportError)) return error;
  const name = toWireError(error, 400, 'control').name;
  if (declared.includes(name)) return error;
  const as = declared.includes('InvalidInputException') ? 'InvalidInputException' : 'InvalidNextTokenException';
  return new InvalidInputError(`${name}: ${error.message}`, { serviceErrorName: as, cause: error });
}

/** Runs `body`, its rejection turned into an error `operation` declares. */
export async function withDeclaredErrors<R>(operation: string, body: () => Promise<R>): Promise<R> {
  try {
    return await body();
  } catch (error) {
    throw declaredError(operation, error);
  }
}
