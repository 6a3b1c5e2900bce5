import { randomUUID } from 'node:crypto';
import { SecretDigester } from './secrets.js';
import type { SandboxCustomerSeed } from './types.js';

/** A customer as `/v2/customers` returns it, where `password` is whether one is set. */
export interface CustomerView {
  type: 'customer';
  id: string;
  name: string;
  email: string;
  password: boolean;
  authentication_mechanism: 'password';
}

export interface NewCustomer {
  name: string;
  email: string;
  password?: string;
  /** Fixed id, used to keep the seeded customer's id across resets. */
  id?: string;
}

interface CustomerRecord {
  id: string;
  name: string;
  email: string;
  passwordDigest: Buffer | undefined;
}

export class DuplicateEmailError extends Error {
  override name = 'DuplicateEmailError';
  readonly code = 'E_DUPLICATE_EMAIL';

  constructor() {
    super('a customer with this email already exists');
  }
}

function toView(record: CustomerRecord): CustomerView {
  return {
    type: 'customer',
    id: record.id,
    name: record.name,
    email: record.email,
    password: record.passwordDigest !== undefined,
    authentication_mechanism: 'password',
  };
}

/** Customers by id, with an email index for logins and duplicate checks. */
export class CustomerStore {
  private readonly digester = new SecretDigester();
  private readonly byId = new Map<string, CustomerRecord>();
  private readonly idByEmail = new Map<string, string>();

  constructor(private readonly caseInsensitiveEmail: boolean) {}

  private emailKey(email: string): string {
    return this.caseInsensitiveEmail ? email.toLowerCase() : email;
  }

  /** Creates a customer, or throws `DuplicateEmailError` when the email is taken. */
  create(customer: NewCustomer | SandboxCustomerSeed): CustomerView {
    const key = this.emailKey(customer.email);
    if (this.idByEmail.has(key)) throw new DuplicateEmailError();

    const record: CustomerRecord = {
      id: ('id' in customer && customer.id) || randomUUID(),
      name: customer.name,
      email: customer.email,
      passwordDigest:
        customer.password === undefined ? undefined : this.digester.digest(customer.password),
    };
    this.byId.set(record.id, record);
    this.idByEmail.set(key, record.id);
    return toView(record);
  }

  get(id: string): CustomerView | undefined {
    const record = this.byId.get(id);
    return record === undefined ? undefined : toView(record);
  }

  findByEmail(email: string): CustomerView | undefined {
    const id = this.idByEmail.get(this.emailKey(email));
    return id === undefined ? undefined : this.get(id);
  }

  /** Returns the customer when the email exists and the password matches, else `undefined`. */
  authenticate(email: string, password: string): CustomerView | undefined {
    const id = this.idByEmail.get(this.emailKey(email));
    const record = id === undefined ? undefined : this.byId.get(id);
    if (record?.passwordDigest === undefined) return undefined;
    return this.digester.matches(password, record.passwordDigest) ? toView(record) : undefined;
  }

  delete(id: string): boolean {
    const record = this.byId.get(id);
    if (record === undefined) return false;

    this.byId.delete(id);
    this.idByEmail.delete(this.emailKey(record.email));
    return true;
  }

  count(): number {
    return this.byId.size;
  }

  clear(): void {
    this.byId.clear();
    this.idByEmail.clear();
  }
}
