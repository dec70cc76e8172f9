import type { MessageDefinition, MessageType } from '../definition';
import { BASISSCHEMA } from './basisschema.definition';
import { JW301 } from './jw301.definition';
import { JW302 } from './jw302.definition';
import { JW305 } from './jw305.definition';
import { JW306 } from './jw306.definition';
import { JW307 } from './jw307.definition';
import { JW308 } from './jw308.definition';
import { JW315 } from './jw315.definition';
import { JW316 } from './jw316.definition';
import { JW317 } from './jw317.definition';
import { JW318 } from './jw318.definition';
import { JW319 } from './jw319.definition';
import { JW320 } from './jw320.definition';
import { JW323 } from './jw323.definition';
import { JW325 } from './jw325.definition';

export { BASISSCHEMA };

/** The 14 message definitions by type. */
export const DEFINITIONS: Record<MessageType, MessageDefinition> = {
  JW301, JW302, JW305, JW306, JW307, JW308, JW315, JW316, JW317, JW318, JW319, JW320, JW323, JW325,
};
