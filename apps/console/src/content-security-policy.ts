import type { HelmetOptions } from 'helmet';

/**
 * Helmet with a policy that lets the page load only the console's own scripts, styles and
 * images and talk only to the console (its proxy): no inline script or style, no other origin,
 * no framing. HTTP stays HTTP: the console is often reached over plain HTTP inside an
 * operations network, where upgrading its requests would break it.
 */
export const CONSOLE_HELMET: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'"],
      connectSrc: ["'self'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      objectSrc: ["'none'"],
    },
  },
};
