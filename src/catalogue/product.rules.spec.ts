import { HubError } from '../common/hub-error';
import { checkProduct } from './product.rules';

function code(fn: () => void): string | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    return (e as HubError).code;
  }
}

describe('checkProduct', () => {
  it('accepts a valid product', () => {
    expect(code(() => checkProduct({ categorie: '45', code: '45A04', eenheid: '04' }))).toBeUndefined();
  });
  it('refuses unknown category, long code and unknown unit', () => {
    expect(code(() => checkProduct({ categorie: '99', code: '45A04', eenheid: '04' }))).toBe('UNKNOWN_CATEGORY');
    expect(code(() => checkProduct({ categorie: '33', code: '45A04', eenheid: '04' }))).toBe('UNKNOWN_CATEGORY');
    expect(code(() => checkProduct({ categorie: '45', code: '45A041', eenheid: '04' }))).toBe('INVALID_PRODUCT_CODE');
    expect(code(() => checkProduct({ categorie: '45', code: '', eenheid: '04' }))).toBe('INVALID_PRODUCT_CODE');
    expect(code(() => checkProduct({ categorie: '45', code: '45 A', eenheid: '04' }))).toBe('INVALID_PRODUCT_CODE');
    expect(code(() => checkProduct({ categorie: '45', code: '45A04', eenheid: '02' }))).toBe('UNKNOWN_UNIT');
  });
});
