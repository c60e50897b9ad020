import { AcmError } from '@shared/errors';
import type { GraphClient } from '@platforms/meta/graph-client';

interface ListedAdAccount {
  id: string;
  name?: string;
}

/** How many ad accounts a refusal lists: an agency's token may reach hundreds. */
const LISTED = 50;

/**
 * The ad account to connect when none was named: the token's only one. A token reaching none is
 * refused; one reaching several asks for --account, listing them by id and name only.
 */
export async function chooseAdAccount(client: GraphClient, tokenFrom: string): Promise<string> {
  const accounts = await client.getAll<ListedAdAccount>('me/adaccounts', { fields: ['id', 'name'] });
  if (accounts.length === 1) return accounts[0].id;
  if (accounts.length === 0) {
    throw new AcmError(
      'FORBIDDEN',
      `the token from ${tokenFrom} reaches no ad account: give its System User access to one (ads_management) in Business Settings`,
    );
  }
  const listed = accounts.slice(0, LISTED).map((a) => (a.name ? `${a.id} "${a.name}"` : a.id));
  const more = accounts.length > LISTED ? `, and ${accounts.length - LISTED} more` : '';
  throw new AcmError('INVALID_INPUT', `--account: the token from ${tokenFrom} reaches ${accounts.length} ad accounts; name one: ${listed.join(', ')}${more}`, {
    path: 'account',
  });
}
