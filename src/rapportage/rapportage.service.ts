import type { EntityManager } from 'typeorm';
import { audit } from '../auth/audit.service';
import { systeemInRegio, type Principal } from '../auth/principal';
import { schrijfRegio } from '../auth/scope';
import { HubError, HubErrorCode } from '../common/hub-error';
import { Params } from '../auth/scope';
import { systeemLezen } from '../db/tenant';
import { kwartaalVan, type Kwartaal } from './rapportage.rules';
import { begrotingspostenSql, grenzenSql, namenSql, stromenSql, wachttijdSql } from './rapportage.sql';
import { PRODUCTCATEGORIEEN } from '../catalogue/product.rules';
import { BegrotingspostRegel, KwartaalGemeenteAanbieder, KwartaalRegel, Kwartaalrapportage, KwartaalSignaal, KwartaalWachttijdCategorie, SignaalSoortKwartaal } from './rapportage.types';

type Niveau = 'regio' | 'gemeente' | 'aanbieder' | 'gemeente_aanbieder';

interface StroomRij {
  niveau: Niveau;
  gemeente_code: string | null;
  aanbieder_agb: string | null;
  budget: string | null;
  kwartaal: string;
  jaar: string;
  verplicht: string;
  in_zorg: number;
  instroom: number;
  plan: number;
  voortijdig: number;
  overig: number;
}

interface WachtRij {
  niveau: Niveau | 'categorie';
  gemeente_code: string | null;
  aanbieder_agb: string | null;
  product_categorie: string | null;
  norm: number | null;
  aantal_gestart: number;
  mediaan: number | null;
  p90: number | null;
  wachtend_eind: number;
  boven_norm: number;
}

interface GrensRij {
  soort: 'plafond' | 'lumpsum';
  aanbieder_agb: string;
  contract_nummer: string;
  minimum: string;
  maximum: string;
  werkelijk: string;
}

interface PostRij {
  naam: string;
  productcategorieen: string[];
  budget: string;
  kwartaal: string;
  jaar: string;
  verplicht: string;
}

const sleutel = (niveau: Niveau, r: { gemeente_code: string | null; aanbieder_agb: string | null }) =>
  niveau === 'regio' ? 'regio'
    : niveau === 'gemeente' ? `g:${r.gemeente_code ?? ''}`
      : niveau === 'aanbieder' ? `a:${r.aanbieder_agb ?? ''}`
        : `ga:${r.gemeente_code ?? ''}:${r.aanbieder_agb ?? ''}`;

function leeg(code: string, naam: string): KwartaalRegel {
  return {
    code, naam, budgetCenten: null, gerealiseerdCenten: 0, gerealiseerdJaarCenten: 0, verplichtCenten: 0, prognoseCenten: 0, ruimteCenten: null,
    clientenInZorg: 0, instroom: 0, uitstroom: 0, uitstroomVolgensPlan: 0, uitstroomVoortijdig: 0, uitstroomOverig: 0,
    aantalGestart: 0, mediaanWachtdagen: null, p90Wachtdagen: null, aantalWachtend: 0, aantalWachtendBovenNorm: 0,
  };
}

/** The region a report is for: the caller's own; an administrator names it (or has it in its token). */
function regioVan(p: Principal, regioCode: string | null | undefined): string {
  if (p.rol !== 'regio' && p.rol !== 'gemeente' && p.rol !== 'auditor' && p.rol !== 'beheerder') {
    throw new HubError(HubErrorCode.FORBIDDEN, 'Geen toegang tot de kwartaalrapportage');
  }
  return schrijfRegio(p, regioCode ?? null);
}

/**
 * The quarterly report (Q-rapportage). Computed in a fixed number of statements whatever the
 * size of the region: money and client flows (one GROUPING SETS pass), waiting times (one),
 * names (one), budget lines (one), budget ceilings and lumpsum bands against the region-wide
 * figures (one, read as the region on a connection of its own: aggregates only), and the audit
 * row. Definitions: README.md.
 */
export const rapportageService = {
  async kwartaalrapportage(em: EntityManager, p: Principal, jaar: number, kwartaal: number, regioCode?: string | null): Promise<Kwartaalrapportage> {
    const k = kwartaalVan(jaar, kwartaal);
    const regio = regioVan(p, regioCode);
    const S = new Params();
    const stromen = await em.query<StroomRij[]>(stromenSql(p, regio, k, S), S.values);
    const W = new Params();
    const wacht = await em.query<WachtRij[]>(wachttijdSql(p, regio, k, W), W.values);
    const N = new Params();
    const namen = await em.query<{ soort: string; code: string; naam: string }[]>(namenSql(regio, k, N), N.values);
    const B = new Params();
    const posten = await em.query<PostRij[]>(begrotingspostenSql(p, regio, k, B), B.values);
    const G = new Params();
    const grenzen = await systeemLezen(em, systeemInRegio('kwartaalrapportage', regio), (sys) => sys.query<GrensRij[]>(grenzenSql(p, regio, k, G), G.values));
    await audit(em, p, 'kwartaalrapportage.gelezen', 'kwartaalrapportage', null, { jaar, kwartaal }, regio);
    return samenstellen(k, regio, stromen, wacht, namen, grenzen, posten);
  },
};

function samenstellen(
  k: Kwartaal,
  regio: string,
  stromen: StroomRij[],
  wacht: WachtRij[],
  namen: { soort: string; code: string; naam: string }[],
  grenzen: GrensRij[],
  posten: PostRij[],
): Kwartaalrapportage {
  const naam = new Map(namen.map((n) => [`${n.soort}:${n.code}`, n.naam]));
  const regels = new Map<string, KwartaalRegel>();
  const regel = (niveau: Niveau, r: { gemeente_code: string | null; aanbieder_agb: string | null }): KwartaalRegel | undefined => {
    const code = niveau === 'regio' ? regio : niveau === 'gemeente' ? r.gemeente_code : r.aanbieder_agb;
    // A NULL key is the other level's registry row (a municipality without provider), not a row of this level.
    if (code === null || (niveau === 'gemeente_aanbieder' && r.gemeente_code === null)) return undefined;
    const s = sleutel(niveau, r);
    let x = regels.get(s);
    if (!x) {
      x = leeg(code, naam.get(`${niveau === 'gemeente_aanbieder' ? 'aanbieder' : niveau}:${code}`) ?? code);
      if (niveau === 'gemeente_aanbieder') (x as KwartaalGemeenteAanbieder).gemeenteCode = r.gemeente_code as string;
      regels.set(s, x);
    }
    return x;
  };
  regel('regio', { gemeente_code: null, aanbieder_agb: null });
  for (const r of stromen) {
    const x = regel(r.niveau, r);
    if (!x) continue;
    x.budgetCenten = r.budget === null ? null : Number(r.budget);
    x.gerealiseerdCenten = Number(r.kwartaal);
    x.gerealiseerdJaarCenten = Number(r.jaar);
    x.verplichtCenten = Number(r.verplicht);
    x.clientenInZorg = r.in_zorg;
    x.instroom = r.instroom;
    x.uitstroomVolgensPlan = r.plan;
    x.uitstroomVoortijdig = r.voortijdig;
    x.uitstroomOverig = r.overig;
    x.uitstroom = r.plan + r.voortijdig + r.overig;
  }
  const categorieen: KwartaalWachttijdCategorie[] = [];
  for (const r of wacht) {
    if (r.niveau === 'categorie') {
      if (r.product_categorie === null) continue;
      categorieen.push({
        categorie: r.product_categorie, naam: PRODUCTCATEGORIEEN[r.product_categorie] ?? r.product_categorie,
        aantalGestart: r.aantal_gestart, mediaanWachtdagen: r.mediaan, p90Wachtdagen: r.p90, normDagen: r.norm,
        aantalWachtend: r.wachtend_eind, aantalWachtendBovenNorm: r.boven_norm,
      });
      continue;
    }
    const x = regel(r.niveau, r);
    if (!x) continue;
    x.aantalGestart = r.aantal_gestart;
    x.mediaanWachtdagen = r.mediaan;
    x.p90Wachtdagen = r.p90;
    x.aantalWachtend = r.wachtend_eind;
    x.aantalWachtendBovenNorm = r.boven_norm;
  }
  const signalen: KwartaalSignaal[] = [];
  for (const g of grenzen) {
    const x = regel('aanbieder', { gemeente_code: null, aanbieder_agb: g.aanbieder_agb });
    if (!x) continue;
    const [minimum, maximum, werkelijk] = [Number(g.minimum), Number(g.maximum), Number(g.werkelijk)];
    const signaal = (soort: SignaalSoortKwartaal, grens: number) =>
      signalen.push({ soort, aanbiederAgb: g.aanbieder_agb, naam: x.naam, contractNummer: g.contract_nummer, grens, werkelijk });
    if (g.soort === 'plafond') {
      // The ceiling is the provider's budget; a lumpsum's budget came with its shares in the flows statement.
      x.budgetCenten = (x.budgetCenten ?? 0) + maximum;
      if (werkelijk > maximum) signaal(SignaalSoortKwartaal.boven_plafond, maximum);
    } else if (werkelijk > maximum) signaal(SignaalSoortKwartaal.buiten_lumpsumband, maximum);
    else if (werkelijk < minimum) signaal(SignaalSoortKwartaal.buiten_lumpsumband, minimum);
  }
  for (const x of regels.values()) {
    x.prognoseCenten = x.gerealiseerdJaarCenten + x.verplichtCenten;
    x.ruimteCenten = x.budgetCenten === null ? null : x.budgetCenten - x.prognoseCenten;
  }
  const lijst = (prefix: string) => [...regels.entries()].filter(([s]) => s.startsWith(prefix)).map(([, x]) => x).sort((a, b) => a.code.localeCompare(b.code));
  return {
    regioCode: regio,
    jaar: k.jaar,
    kwartaal: k.kwartaal,
    van: k.van,
    tot: k.tot,
    regio: regels.get('regio') as KwartaalRegel,
    gemeenten: lijst('g:'),
    aanbieders: lijst('a:'),
    gemeenteAanbieders: (lijst('ga:') as KwartaalGemeenteAanbieder[]).sort((a, b) => a.gemeenteCode.localeCompare(b.gemeenteCode) || a.code.localeCompare(b.code)),
    wachttijdenPerCategorie: categorieen.sort((a, b) => a.categorie.localeCompare(b.categorie)),
    begrotingsposten: posten.map((b): BegrotingspostRegel => {
      const [budget, jaar, verplicht] = [Number(b.budget), Number(b.jaar), Number(b.verplicht)];
      return {
        naam: b.naam,
        productcategorieen: b.productcategorieen,
        budgetCenten: budget,
        gerealiseerdCenten: Number(b.kwartaal),
        gerealiseerdJaarCenten: jaar,
        verplichtCenten: verplicht,
        prognoseCenten: jaar + verplicht,
        ruimteCenten: budget - jaar - verplicht,
      };
    }),
    signalen,
  };
}
