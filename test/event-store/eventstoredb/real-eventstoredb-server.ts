import { GenericContainer, Wait, getContainerRuntimeClient, type StartedTestContainer } from 'testcontainers';

/** Where the contract runs against a real EventStoreDB, or why it cannot. */
export type RealServerPlan =
  | { kind: 'connection-string'; connectionString: string }
  | { kind: 'container'; image: string }
  | { kind: 'skip'; reason: string; detail: string };

export interface RunningServer {
  connectionString: string;
  stop(): Promise<void>;
}

export const EVENTSTOREDB_IMAGE = process.env.EVENTSTORE_IMAGE ?? 'eventstore/eventstore:24.10';
const DOCKER_PROBE_TIMEOUT_MS = 5_000;
const EVENTSTOREDB_PORT = 2113;

/** Decided while tests are collected, so a skip can be named; never waits on Docker for long. */
export async function planRealServer(): Promise<RealServerPlan> {
  const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
  if (connectionString) return { kind: 'connection-string', connectionString };
  const docker = await dockerAnswers();
  if (docker.answers) return { kind: 'container', image: EVENTSTOREDB_IMAGE };
  return {
    kind: 'skip',
    reason: 'no Docker engine answered and EVENTSTORE_CONNECTION_STRING is not set',
    detail: docker.detail,
  };
}

/**
 * A single insecure in-memory node. MaxAppendSize is raised because the contract's "1 MB" event (1 MiB
 * of text plus its JSON) is larger than EventStoreDB's default of 1,048,576 bytes.
 */
export async function startRealServer(plan: RealServerPlan, maxAppendSize: number): Promise<RunningServer> {
  if (plan.kind === 'connection-string') return { connectionString: plan.connectionString, stop: async () => undefined };
  if (plan.kind !== 'container') throw new Error('no real EventStoreDB server to start');
  const container: StartedTestContainer = await new GenericContainer(plan.image)
    .withEnvironment({
      EVENTSTORE_INSECURE: 'true',
      EVENTSTORE_MEM_DB: 'true',
      EVENTSTORE_RUN_PROJECTIONS: 'None',
      EVENTSTORE_MAX_APPEND_SIZE: String(maxAppendSize),
    })
    .withExposedPorts(EVENTSTOREDB_PORT)
    .withWaitStrategy(Wait.forHttp('/health/live', EVENTSTOREDB_PORT).forStatusCodeMatching((code) => code >= 200 && code < 300))
    .withStartupTimeout(120_000)
    .start();
  return {
    connectionString: `esdb://${container.getHost()}:${container.getMappedPort(EVENTSTOREDB_PORT)}?tls=false`,
    stop: async () => {
      await container.stop();
    },
  };
}

async function dockerAnswers(): Promise<{ answers: true } | { answers: false; detail: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<{ answers: false; detail: string }>((resolve) => {
    timer = setTimeout(() => resolve({ answers: false, detail: `no answer within ${DOCKER_PROBE_TIMEOUT_MS} ms` }), DOCKER_PROBE_TIMEOUT_MS);
    timer.unref();
  });
  const probe = getContainerRuntimeClient().then(
    () => ({ answers: true as const }),
    (error: unknown) => ({ answers: false as const, detail: error instanceof Error ? error.message : String(error) }),
  );
  try {
    return await Promise.race([probe, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
