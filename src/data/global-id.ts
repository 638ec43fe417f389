import type { NodeSource } from '../db/pages.ts';
import { InvalidArgument } from './invalid-argument.ts';

/** The name of an object type that implements Node: a global ID names one of them and a row id. */
export type NodeTypeName = string;

const nodeTypes = new Map<NodeTypeName, NodeSource<unknown>>();

/**
 * Makes `typeName` a node type whose nodes `nodes` reads: its global IDs decode, `node(id:)`
 * loads them. Every model registers itself when its module is loaded (src/data/model-listing.ts
 * nodesOf), so a process decodes the IDs of the models it has loaded: the app loads them all
 * (src/graphql/schema.ts imports every model's file).
 */
export function registerNodeType(typeName: NodeTypeName, nodes: NodeSource<unknown>): void {
  const known = nodeTypes.get(typeName);
  if (known && known !== nodes) throw new Error(`the node type ${typeName} is registered twice`);
  nodeTypes.set(typeName, nodes);
}

/** How nodes of a registered type are read. */
export function nodesOfType(typeName: NodeTypeName): NodeSource<unknown> | undefined {
  return nodeTypes.get(typeName);
}

export interface DecodedGlobalId {
  typeName: NodeTypeName;
  rowId: number;
}

/** Opaque to clients (base64 of `Type:rowId`, as GitHub's IDs are) but cheap to decode. */
export function encodeGlobalId(typeName: string, rowId: number): string {
  // btoa: the text is ASCII (a type name and digits), where it gives Buffer's base64 at a third of
  // the cost; every record read gets its ID, thousands per deep page.
  return btoa(`${typeName}:${rowId}`);
}

const decodedPattern = /^([A-Za-z]+):([1-9][0-9]{0,14})$/;

/** The type and row id a global ID names, or null when `id` is not one (without making an error: filters try every name). */
export function parseGlobalId(id: string): DecodedGlobalId | null {
  const match = decodedPattern.exec(Buffer.from(id, 'base64').toString('utf8'));
  if (!match) return null;
  const [, typeName, digits] = match;
  const decoded = { typeName: typeName as NodeTypeName, rowId: Number(digits) };
  // Exactly one spelling per object: no unpadded or otherwise lenient variants of an ID.
  if (!nodeTypes.has(decoded.typeName) || encodeGlobalId(decoded.typeName, decoded.rowId) !== id) return null;
  return decoded;
}

/** Decodes a global ID; throws BAD_USER_INPUT naming `argumentName` when it is malformed. */
export function decodeGlobalId(id: string, argumentName = 'id'): DecodedGlobalId {
  const decoded = parseGlobalId(id);
  if (!decoded) throw new InvalidArgument(`Argument "${argumentName}" is not a valid ID: ${JSON.stringify(id)}`, argumentName);
  return decoded;
}

/** Decodes a global ID that must name `expected`; another type is a client mistake too. */
export function decodeGlobalIdOf(expected: NodeTypeName, id: string, argumentName = 'id'): number {
  const decoded = decodeGlobalId(id, argumentName);
  if (decoded.typeName !== expected) {
    throw new InvalidArgument(`Argument "${argumentName}" must be the ID of a ${expected}, got the ID of a ${decoded.typeName}`, argumentName);
  }
  return decoded.rowId;
}
