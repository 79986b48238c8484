import { Controller, Get, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { describe, expect, it } from 'vitest';
import { RouteMetadataReflector } from '../../src/http/route-metadata';

const ACCESS = 'access';
const LIMIT = 'limit';

@Controller('x')
@SetMetadata(ACCESS, 'contributor')
class Routes {
  @Get('a')
  @SetMetadata(ACCESS, 'moderator')
  a() {}

  @Get('b')
  b() {}

  @Get('c')
  @SetMetadata(LIMIT, undefined)
  c() {}
}

@Controller('y')
class Bare {
  @Get('d')
  d() {}
}

describe('RouteMetadataReflector', () => {
  const routes = [
    [Routes.prototype.a, Routes],
    [Routes.prototype.b, Routes],
    [Routes.prototype.c, Routes],
    [Bare.prototype.d, Bare],
  ] as const;

  it("answers getAllAndOverride as Nest's Reflector does, the handler's over the class's, and again when asked again", () => {
    const nest = new Reflector();
    const ours = new RouteMetadataReflector();
    for (const key of [ACCESS, LIMIT, 'absent']) {
      for (const [handler, controller] of routes) {
        const expected = nest.getAllAndOverride(key, [handler, controller]);
        expect(ours.getAllAndOverride(key, [handler, controller])).toBe(expected);
        expect(ours.getAllAndOverride(key, [handler, controller])).toBe(expected);
      }
    }
    expect(ours.getAllAndOverride(ACCESS, [Routes.prototype.a, Routes])).toBe('moderator');
    expect(ours.getAllAndOverride(ACCESS, [Routes.prototype.b, Routes])).toBe('contributor');
    expect(ours.getAllAndOverride(ACCESS, [Bare.prototype.d, Bare])).toBeUndefined();
  });

  it('reads a route once, and other target lists each time', () => {
    const ours = new RouteMetadataReflector();
    let reads = 0;
    const original = Reflect.getMetadata;
    Reflect.getMetadata = ((...args: Parameters<typeof Reflect.getMetadata>) => {
      reads++;
      return original(...args);
    }) as typeof Reflect.getMetadata;
    try {
      for (let i = 0; i < 3; i++) ours.getAllAndOverride(ACCESS, [Routes.prototype.b, Routes]);
      // The handler's metadata, then the class's: once.
      expect(reads).toBe(2);
      for (let i = 0; i < 3; i++) ours.getAllAndOverride(ACCESS, [Routes.prototype.b]);
      expect(reads).toBe(5);
    } finally {
      Reflect.getMetadata = original;
    }
  });
});
