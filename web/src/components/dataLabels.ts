// Labels for values that come from the data (regions, UN regional groups): translated when the
// interface knows them, otherwise shown as the API gives them.
import type { TFunction } from 'i18next';
import en from '../locales/en.ts';

type Region = keyof typeof en.regions;
type UnGroup = keyof typeof en.unGroups;

export function regionLabel(t: TFunction, region: string): string {
  return Object.hasOwn(en.regions, region) ? t(`regions.${region as Region}`) : region;
}

export function unGroupLabel(t: TFunction, group: string): string {
  return Object.hasOwn(en.unGroups, group) ? t(`unGroups.${group as UnGroup}`) : group;
}

type DevelopmentClass = keyof typeof en.developmentClass;

export function developmentClassLabel(t: TFunction, value: string): string {
  return Object.hasOwn(en.developmentClass, value)
    ? t(`developmentClass.${value as DevelopmentClass}`)
    : value;
}
