import type { StatusType } from '../types';

/**
 * The status types of the original tofUI dashboard (its `config.json`), kept
 * label for label so migrated dashboards look the same. One deliberate change:
 * `terraform_plan` code 1 ("Error") is failing — the original counted a plan
 * that errored as passing.
 *
 * @public
 */
export const DEFAULT_STATUS_TYPES: readonly StatusType[] = [
  {
    key: 'terraform_plan',
    name: 'Terraform Plan',
    mappings: {
      '0': {
        label: 'No Changes',
        emoji: '🅿️',
        color: '#0969da',
        status: 'passing',
      },
      '1': { label: 'Error', emoji: '❌', color: '#cf222e', status: 'failing' },
      '2': {
        label: 'Has Changes',
        emoji: '⚠️',
        color: '#bf8700',
        status: 'passing',
      },
    },
  },
  {
    key: 'terraform_apply',
    name: 'Terraform Apply',
    mappings: {
      '0': {
        label: 'No Changes',
        emoji: '🅿️',
        color: '#0969da',
        status: 'passing',
      },
      '1': {
        label: 'Failed to Apply',
        emoji: '❌',
        color: '#cf222e',
        status: 'failing',
      },
      '2': {
        label: 'Changes Applied',
        emoji: '✅',
        color: '#1a7f37',
        status: 'passing',
      },
    },
  },
  {
    key: 'tfsec',
    name: 'TFSec',
    mappings: {
      '0': {
        label: 'Passed',
        emoji: '✅',
        color: '#1a7f37',
        status: 'passing',
      },
      '1': {
        label: 'Failed',
        emoji: '❌',
        color: '#cf222e',
        status: 'failing',
      },
      '2': {
        label: 'Warnings',
        emoji: '⚠️',
        color: '#bf8700',
        status: 'failing',
      },
    },
  },
  {
    key: 'tflint',
    name: 'TFLint',
    mappings: {
      '0': {
        label: 'Passed',
        emoji: '✅',
        color: '#1a7f37',
        status: 'passing',
      },
      '1': {
        label: 'Failed',
        emoji: '❌',
        color: '#cf222e',
        status: 'failing',
      },
    },
  },
  {
    key: 'codebuild',
    name: 'CodeBuild',
    mappings: {
      '0': {
        label: 'Success',
        emoji: '✅',
        color: '#1a7f37',
        status: 'passing',
      },
      '1': {
        label: 'Failed',
        emoji: '❌',
        color: '#cf222e',
        status: 'failing',
      },
      '2': {
        label: 'In Progress',
        emoji: '🔄',
        color: '#0969da',
        status: 'passing',
      },
    },
  },
];
