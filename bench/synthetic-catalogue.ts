/**
 * The shape of the synthetic market: who is paid, for what, with which skills. Typical medians
 * are a mid-level professional's yearly pay in the local currency, so figures look like the
 * market's own (¥6.5M in Japan, €62k in Germany), not one currency relabelled.
 */

export interface SyntheticCountry {
  code: string;
  name: string;
  currencyCode: string;
  typicalMedian: number;
}

export interface SyntheticRole {
  slug: string;
  title: string;
  category: string;
  /** Pay relative to the country's typical median. */
  payFactor: number;
  /** Index of the occupation (the role without its seniority): skills follow the occupation. */
  occupation: number;
}

export const PERIODS = ['2021', '2022', '2023', '2024', '2025'] as const;

const country = (code: string, name: string, currencyCode: string, typicalMedian: number): SyntheticCountry => ({
  code,
  name,
  currencyCode,
  typicalMedian,
});

export const COUNTRIES: SyntheticCountry[] = [
  country('US', 'United States', 'USD', 95_000),
  country('CA', 'Canada', 'CAD', 85_000),
  country('GB', 'United Kingdom', 'GBP', 52_000),
  country('DE', 'Germany', 'EUR', 62_000),
  country('FR', 'France', 'EUR', 48_000),
  country('NL', 'Netherlands', 'EUR', 58_000),
  country('BE', 'Belgium', 'EUR', 55_000),
  country('CH', 'Switzerland', 'CHF', 105_000),
  country('AT', 'Austria', 'EUR', 54_000),
  country('IE', 'Ireland', 'EUR', 60_000),
  country('ES', 'Spain', 'EUR', 36_000),
  country('PT', 'Portugal', 'EUR', 26_000),
  country('IT', 'Italy', 'EUR', 35_000),
  country('SE', 'Sweden', 'SEK', 540_000),
  country('NO', 'Norway', 'NOK', 640_000),
  country('DK', 'Denmark', 'DKK', 520_000),
  country('FI', 'Finland', 'EUR', 50_000),
  country('PL', 'Poland', 'PLN', 120_000),
  country('CZ', 'Czechia', 'CZK', 720_000),
  country('HU', 'Hungary', 'HUF', 9_800_000),
  country('RO', 'Romania', 'RON', 110_000),
  country('GR', 'Greece', 'EUR', 24_000),
  country('TR', 'Türkiye', 'TRY', 900_000),
  country('IL', 'Israel', 'ILS', 300_000),
  country('AE', 'United Arab Emirates', 'AED', 240_000),
  country('SA', 'Saudi Arabia', 'SAR', 200_000),
  country('ZA', 'South Africa', 'ZAR', 480_000),
  country('NG', 'Nigeria', 'NGN', 9_000_000),
  country('KE', 'Kenya', 'KES', 1_800_000),
  country('EG', 'Egypt', 'EGP', 420_000),
  country('IN', 'India', 'INR', 1_500_000),
  country('PK', 'Pakistan', 'PKR', 2_400_000),
  country('CN', 'China', 'CNY', 240_000),
  country('JP', 'Japan', 'JPY', 6_500_000),
  country('KR', 'South Korea', 'KRW', 55_000_000),
  country('TW', 'Taiwan', 'TWD', 900_000),
  country('HK', 'Hong Kong', 'HKD', 420_000),
  country('SG', 'Singapore', 'SGD', 84_000),
  country('MY', 'Malaysia', 'MYR', 84_000),
  country('TH', 'Thailand', 'THB', 720_000),
  country('VN', 'Vietnam', 'VND', 360_000_000),
  country('ID', 'Indonesia', 'IDR', 180_000_000),
  country('PH', 'Philippines', 'PHP', 720_000),
  country('AU', 'Australia', 'AUD', 105_000),
  country('NZ', 'New Zealand', 'NZD', 88_000),
  country('BR', 'Brazil', 'BRL', 120_000),
  country('MX', 'Mexico', 'MXN', 420_000),
  country('AR', 'Argentina', 'ARS', 24_000_000),
  country('CL', 'Chile', 'CLP', 24_000_000),
  country('CO', 'Colombia', 'COP', 72_000_000),
];

const OCCUPATIONS: Array<[title: string, category: string, payFactor: number]> = [
  ['Software Engineer', 'Engineering', 1.15],
  ['Backend Engineer', 'Engineering', 1.15],
  ['Frontend Engineer', 'Engineering', 1.08],
  ['Mobile Engineer', 'Engineering', 1.1],
  ['DevOps Engineer', 'Engineering', 1.15],
  ['Site Reliability Engineer', 'Engineering', 1.22],
  ['Security Engineer', 'Engineering', 1.25],
  ['QA Engineer', 'Engineering', 0.9],
  ['Embedded Systems Engineer', 'Engineering', 1.05],
  ['Cloud Architect', 'Engineering', 1.35],
  ['Data Scientist', 'Data Science & AI', 1.2],
  ['Data Engineer', 'Data Science & AI', 1.18],
  ['Data Analyst', 'Data Science & AI', 0.9],
  ['Machine Learning Engineer', 'Data Science & AI', 1.3],
  ['AI Research Scientist', 'Data Science & AI', 1.45],
  ['Analytics Engineer', 'Data Science & AI', 1.1],
  ['Product Manager', 'Product & Design', 1.2],
  ['Product Designer', 'Product & Design', 1.0],
  ['UX Researcher', 'Product & Design', 0.95],
  ['Technical Writer', 'Product & Design', 0.8],
  ['Business Analyst', 'Business', 0.9],
  ['Project Manager', 'Business', 0.95],
  ['Management Consultant', 'Business', 1.1],
  ['Operations Manager', 'Business', 0.95],
  ['Financial Analyst', 'Finance', 0.9],
  ['Accountant', 'Finance', 0.8],
  ['Actuary', 'Finance', 1.15],
  ['Investment Analyst', 'Finance', 1.2],
  ['Account Executive', 'Sales & Marketing', 0.95],
  ['Sales Engineer', 'Sales & Marketing', 1.1],
  ['Marketing Manager', 'Sales & Marketing', 0.95],
  ['Content Strategist', 'Sales & Marketing', 0.75],
  ['HR Business Partner', 'People', 0.85],
  ['Recruiter', 'People', 0.7],
  ['Registered Nurse', 'Healthcare', 0.75],
  ['Pharmacist', 'Healthcare', 1.0],
  ['Corporate Lawyer', 'Legal', 1.3],
  ['Compliance Officer', 'Legal', 0.95],
  ['Supply Chain Analyst', 'Operations', 0.85],
  ['Customer Success Manager', 'Operations', 0.8],
];

const SENIORITIES: Array<[prefix: string, payFactor: number]> = [
  ['Junior', 0.65],
  ['', 1],
  ['Senior', 1.3],
  ['Lead', 1.55],
  ['Principal', 1.85],
];

const slugify = (title: string) => title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** 40 occupations × 5 seniorities = 200 roles, sorted by slug (so ids follow slug order). */
export const ROLES: SyntheticRole[] = OCCUPATIONS.flatMap(([title, category, occupationFactor], occupation) =>
  SENIORITIES.map(([prefix, seniorityFactor]) => {
    const fullTitle = prefix ? `${prefix} ${title}` : title;
    return { slug: slugify(fullTitle), title: fullTitle, category, payFactor: occupationFactor * seniorityFactor, occupation };
  }),
).sort((a, b) => (a.slug < b.slug ? -1 : 1));

/** Six skills per role category (name, skill category); a snapshot ranks three of its category's. */
export const SKILLS_BY_CATEGORY: Record<string, Array<[name: string, category: string]>> = {
  Engineering: [['TypeScript', 'Programming'], ['Go', 'Programming'], ['Kubernetes', 'Infrastructure'], ['AWS', 'Cloud'], ['Terraform', 'Infrastructure'], ['Observability', 'Infrastructure']],
  'Data Science & AI': [['Python', 'Programming'], ['SQL', 'Data'], ['PyTorch', 'Machine Learning'], ['Apache Spark', 'Data'], ['LLM Fine-tuning', 'Machine Learning'], ['Statistics', 'Mathematics']],
  'Product & Design': [['Figma', 'Design'], ['User Research', 'Design'], ['Product Discovery', 'Product'], ['Roadmapping', 'Product'], ['Accessibility', 'Design'], ['Experiment Design', 'Product']],
  Business: [['Stakeholder Management', 'Leadership'], ['Agile Delivery', 'Delivery'], ['Process Mapping', 'Operations'], ['Business Case Writing', 'Strategy'], ['Change Management', 'Leadership'], ['Power BI', 'Data']],
  Finance: [['Financial Modelling', 'Finance'], ['IFRS Reporting', 'Finance'], ['Risk Modelling', 'Finance'], ['Excel & VBA', 'Tools'], ['Valuation', 'Finance'], ['Tax Planning', 'Finance']],
  'Sales & Marketing': [['Solution Selling', 'Sales'], ['Salesforce', 'Sales'], ['Content Strategy', 'Marketing'], ['Marketing Analytics', 'Marketing'], ['Account Planning', 'Sales'], ['Brand Positioning', 'Marketing']],
  People: [['Talent Sourcing', 'Recruiting'], ['Employment Law', 'Legal'], ['Workday', 'Tools'], ['Compensation Design', 'Reward'], ['Coaching', 'Leadership'], ['People Analytics', 'Data']],
  Healthcare: [['Clinical Documentation', 'Healthcare'], ['Patient Safety', 'Healthcare'], ['Pharmacology', 'Healthcare'], ['Electronic Health Records', 'Tools'], ['Infection Control', 'Healthcare'], ['Care Coordination', 'Healthcare']],
  Legal: [['Contract Negotiation', 'Legal'], ['Regulatory Compliance', 'Legal'], ['Data Protection (GDPR)', 'Legal'], ['Mergers & Acquisitions', 'Legal'], ['Litigation Strategy', 'Legal'], ['Anti-Money Laundering', 'Compliance']],
  Operations: [['Demand Forecasting', 'Planning'], ['SAP', 'Tools'], ['Lean Six Sigma', 'Operations'], ['Customer Onboarding', 'Customer'], ['Churn Analysis', 'Data'], ['Vendor Management', 'Operations']],
};

/** Four certifications per role category (name, issuer); a snapshot ranks two of its category's. */
export const CERTIFICATIONS_BY_CATEGORY: Record<string, Array<[name: string, issuer: string]>> = {
  Engineering: [['AWS Solutions Architect – Professional', 'Amazon Web Services'], ['Certified Kubernetes Administrator', 'Cloud Native Computing Foundation'], ['HashiCorp Terraform Associate', 'HashiCorp'], ['CISSP', 'ISC2']],
  'Data Science & AI': [['AWS Machine Learning Specialty', 'Amazon Web Services'], ['Google Professional Data Engineer', 'Google Cloud'], ['Azure Data Engineer Associate', 'Microsoft'], ['Databricks Certified ML Professional', 'Databricks']],
  'Product & Design': [['Certified Scrum Product Owner', 'Scrum Alliance'], ['Nielsen Norman UX Certification', 'Nielsen Norman Group'], ['Pragmatic Institute PMC', 'Pragmatic Institute'], ['IAAP CPACC', 'International Association of Accessibility Professionals']],
  Business: [['PMP', 'Project Management Institute'], ['PRINCE2 Practitioner', 'PeopleCert'], ['Certified ScrumMaster', 'Scrum Alliance'], ['CBAP', 'IIBA']],
  Finance: [['CFA Charter', 'CFA Institute'], ['ACCA', 'Association of Chartered Certified Accountants'], ['FSA', 'Society of Actuaries'], ['FRM', 'GARP']],
  'Sales & Marketing': [['Salesforce Certified Administrator', 'Salesforce'], ['Google Analytics Certification', 'Google'], ['HubSpot Inbound Marketing', 'HubSpot'], ['MEDDICC Practitioner', 'MEDDICC']],
  People: [['SHRM-CP', 'Society for Human Resource Management'], ['CIPD Level 7', 'CIPD'], ['Certified Compensation Professional', 'WorldatWork'], ['LinkedIn Certified Recruiter', 'LinkedIn']],
  Healthcare: [['Advanced Cardiac Life Support', 'American Heart Association'], ['Board Certified Pharmacotherapy Specialist', 'BPS'], ['Certified Clinical Research Professional', 'SoCRA'], ['Wound Care Certification', 'NAWCO']],
  Legal: [['Certified Compliance & Ethics Professional', 'SCCE'], ['CIPP/E', 'IAPP'], ['CAMS', 'ACAMS'], ['Certified Information Privacy Manager', 'IAPP']],
  Operations: [['Six Sigma Green Belt', 'ASQ'], ['APICS CSCP', 'ASCM'], ['Certified Customer Success Manager', 'SuccessCOACHING'], ['ITIL 4 Foundation', 'PeopleCert']],
};

/** Category-specific SPECIALIST bands; the seed supplies the default 40–80 %. */
export const CATEGORY_PREMIUM_TIERS: Array<{ tier: string; label: string; category: string; minPercent: number; maxPercent: number }> = [
  { tier: 'SPECIALIST', label: 'Specialist premium', category: 'Data Science & AI', minPercent: 50, maxPercent: 90 },
  { tier: 'SPECIALIST', label: 'Specialist premium', category: 'Engineering', minPercent: 45, maxPercent: 85 },
];
