/**
 * Optional encryption at rest: AES-256-GCM through Web Crypto, a fresh random 12-byte IV per value,
 * and the Redis key as additional data so a value copied under another key does not decrypt.
 *
 * @module
 */
import { AuthConfigError } from "@authspecs/auth-core";

/**
 * An AES-256 key: a `CryptoKey` for AES-GCM, 32 raw bytes, or those 32 bytes in base64.
 *
 * @example
 * ```ts
 * import type { EncryptionKeyInput } from "@authspecs/token-store-redis";
 * const key: EncryptionKeyInput = crypto.getRandomValues(new Uint8Array(32));
 * ```
 */
export type EncryptionKeyInput = CryptoKey | Uint8Array | ArrayBuffer | string;

/** Marks encrypted values, so a store reading a plaintext value (or the reverse) knows it at once. */
const ENCRYPTED_PREFIX = "aesgcm1:";
const IV_BYTES = 12;

/**
 * Validates the key at the door and returns a lazy importer: `crypto.subtle.importKey` is async
 * and the store is created synchronously.
 */
export function prepareEncryptionKey(input: EncryptionKeyInput): () => Promise<CryptoKey> {
  if (typeof CryptoKey !== "undefined" && input instanceof CryptoKey) {
    if (input.algorithm.name !== "AES-GCM" || !input.usages.includes("encrypt") || !input.usages.includes("decrypt")) {
      throw new AuthConfigError(
        "token-store-redis: encryptionKey must be an AES-GCM CryptoKey with the encrypt and decrypt usages.",
      );
    }
    return () => Promise.resolve(input);
  }
  const bytes = keyBytes(input as Uint8Array | ArrayBuffer | string);
  let imported: Promise<CryptoKey> | undefined;
  return () => {
    imported ??= crypto.subtle.importKey("raw", bytes, "AES-GCM", false, ["encrypt", "decrypt"]);
    return imported;
  };
}

function keyBytes(input: Uint8Array | ArrayBuffer | string): Uint8Array<ArrayBuffer> {
  let bytes: Uint8Array<ArrayBuffer> | undefined;
  if (typeof input === "string") {
    try {
      bytes = fromBase64(input);
    } catch {
      bytes = undefined;
    }
  } else if (input instanceof ArrayBuffer) {
    bytes = new Uint8Array(input.slice(0));
  } else if (input instanceof Uint8Array) {
    bytes = new Uint8Array(input);
  }
  if (!bytes || bytes.length !== 32) {
    throw new AuthConfigError(
      "token-store-redis: encryptionKey must be 32 bytes (a Uint8Array, or base64 of 32 bytes) or an AES-GCM CryptoKey; " +
        "generate one with crypto.getRandomValues(new Uint8Array(32)).",
    );
  }
  return bytes;
}

/** Encrypts `plaintext` bound to `redisKey`. */
export async function encryptValue(key: CryptoKey, plaintext: string, redisKey: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const encoder = new TextEncoder();
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: encoder.encode(redisKey) }, key, encoder.encode(plaintext)),
  );
  const out = new Uint8Array(IV_BYTES + sealed.length);
  out.set(iv);
  out.set(sealed, IV_BYTES);
  return ENCRYPTED_PREFIX + toBase64(out);
}

/** Decrypts a value written by {@link encryptValue} under `redisKey`; rejects when it cannot. */
export async function decryptValue(key: CryptoKey, stored: string, redisKey: string): Promise<string> {
  if (!isEncryptedValue(stored)) throw new Error("value is not encrypted");
  const bytes = fromBase64(stored.slice(ENCRYPTED_PREFIX.length));
  if (bytes.length <= IV_BYTES) throw new Error("value is too short");
  const plain = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: bytes.subarray(0, IV_BYTES), additionalData: new TextEncoder().encode(redisKey) },
    key,
    bytes.subarray(IV_BYTES),
  );
  return new TextDecoder().decode(plain);
}

/** Whether a stored value was written encrypted. */
export function isEncryptedValue(stored: string): boolean {
  return stored.startsWith(ENCRYPTED_PREFIX);
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
