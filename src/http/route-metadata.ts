import type { Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

/**
 * Nest's Reflector, remembering what `getAllAndOverride(key, [handler, class])` answered for each
 * route: the metadata of a route's handler and controller is written by their decorators, once, as
 * the classes are defined, and never changes after (Nest keeps its own per-route metadata, its pipes,
 * guards and parameters, the same way, worked out once when the route is made).
 *
 * Why: the guards of every request ask it (AuthGuard the route's access, @nestjs/throttler's guard six
 * settings of its one throttler), and each answer walks the metadata of the handler and of the class
 * and their prototypes through reflect-metadata's maps; that showed in the profile of the write route.
 * Other questions (other target lists) go to Nest's Reflector as they are.
 */
export class RouteMetadataReflector extends Reflector {
  private readonly answers = new Map<unknown, WeakMap<object, WeakMap<object, unknown>>>();

  // The overloads of Reflector.getAllAndOverride all end here; what it answers is passed on as it is.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override getAllAndOverride<TResult = any>(metadataKey: any, targets: (Type<any> | Function)[]): TResult {
    const [handler, controller] = targets;
    if (targets.length !== 2 || typeof handler !== 'function' || typeof controller !== 'function') return super.getAllAndOverride(metadataKey, targets);
    let byHandler = this.answers.get(metadataKey);
    if (!byHandler) this.answers.set(metadataKey, (byHandler = new WeakMap()));
    let byController = byHandler.get(handler);
    if (!byController) byHandler.set(handler, (byController = new WeakMap()));
    if (byController.has(controller)) return byController.get(controller) as TResult;
    const answer = super.getAllAndOverride<TResult>(metadataKey, targets);
    byController.set(controller, answer);
    return answer;
  }
}
