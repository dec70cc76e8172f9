import { HubError } from '../common/hub-error';
import { ContractingError } from '../contracting/contracting.errors';

/** iJw Productcategorie (JZ020) in use since 2018; the legacy 31–38 are not accepted for new products. */
export const PRODUCTCATEGORIEEN: Record<string, string> = {
  '40': 'Persoonlijke verzorging',
  '41': 'Dagbehandeling',
  '42': 'Vervoerdiensten',
  '43': 'Verblijf inclusief behandeling',
  '44': 'Verblijf exclusief behandeling',
  '45': 'Jeugdhulp ambulant',
  '46': 'Crisis',
  '47': 'Jeugdreclassering',
  '48': 'Jeugdbescherming',
  '49': 'Preventief justitieel kader',
  '50': 'Maatwerkarrangementen',
  '51': 'Generalistische basis-ggz',
  '52': 'Specialistische ggz',
  '53': 'Kindergeneeskunde',
  '54': 'Jeugd-ggz',
  '55': 'Landelijk ingekochte zorg',
};

/** iJw Eenheid (WJ756). */
export const EENHEDEN: Record<string, string> = {
  '01': 'minuut',
  '04': 'uur',
  '14': 'etmaal',
  '16': 'dagdeel (4 uur)',
  '82': 'stuks (output)',
  '83': "euro's",
  '84': 'stuks (inspanning)',
};

/** iJw Frequentie (WMO757). */
export const FREQUENTIES: Record<string, string> = { '1': 'per dag', '2': 'per week', '4': 'per maand', '6': 'totaal binnen geldigheidsduur' };

/** Checks a product of the product book against the iJw code lists; throws a coded error. */
export function checkProduct(p: { categorie: string; code: string; eenheid: string }): void {
  if (!(p.categorie in PRODUCTCATEGORIEEN)) {
    throw new HubError(ContractingError.UNKNOWN_CATEGORY, `Onbekende productcategorie '${p.categorie}' (JZ020: 40–55)`, { veld: 'categorie' });
  }
  if (!/^[A-Za-z0-9]{1,5}$/.test(p.code)) {
    throw new HubError(ContractingError.INVALID_PRODUCT_CODE, `Productcode '${p.code}' is ongeldig: 1 tot 5 letters of cijfers`, { veld: 'code' });
  }
  if (!(p.eenheid in EENHEDEN)) {
    throw new HubError(ContractingError.UNKNOWN_UNIT, `Onbekende eenheid '${p.eenheid}' (WJ756)`, { veld: 'eenheid' });
  }
}
