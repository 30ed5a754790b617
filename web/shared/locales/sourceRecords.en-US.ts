import type { SourceRecordMessages } from './sourceRecords.zh-CN.ts';

/** Other departments' records in English: the same keys as sourceRecords.zh-CN.ts. */
const sourceRecordMessages: SourceRecordMessages = {
  sources: {
    names: {
      household_registration: 'Household registration',
      social_security: 'Social security',
      health: 'Health records',
      medical_insurance: 'Medical insurance',
    },
    fields: {
      name: 'Name',
      sex: 'Sex',
      birthDate: 'Age (from the date of birth)',
      phone: 'Phone',
      registeredAddress: 'Registered address',
      address: 'Current address',
      insuranceStatus: 'Insurance status',
      medicalInsurance: 'Medical insurance',
      healthStatus: 'Health',
      disabilityGrade: 'Disability grade',
      deathDate: 'Date of death',
    },
    section: 'Sources',
    field: 'Field',
    roster: 'Roster',
    asOf: '{{date}}',
    disagrees: 'Disagrees',
    deathReported:
      'A department reports this person as deceased: check and take them off the roster as the procedure says',
    none: 'No records from other departments',
    importOpen: 'Import department records',
    importTitle: 'Import department records',
    source: 'Source',
    date: 'Data date',
    required: 'Choose the source and the data date first',
    templateFile: 'department-records-template.xlsx',
    template: 'Download the template',
    drop: 'Click or drop a department Excel file here',
    hint: 'Column 1 is the ID number, then the columns of the template; rows are matched to the roster by ID number and only people on it are kept',
    checking: 'Checking…',
    accepted: 'On the roster',
    unmatched: 'Not on the roster (not kept)',
    rejected: 'Problems',
    checkPassed: 'Check passed: {{values}} values of {{count}} people can be imported',
    checkFailed: 'The file has {{count}} problems: correct it and choose it again',
    row: 'Row',
    rowValue: 'Row {{row}}',
    column: 'Column',
    message: 'Problem',
    confirm: 'Import',
    imported: '{{values}} values of {{count}} people imported',
    done: 'Done',
  },
};

export default sourceRecordMessages;
