// Word lists the generator draws from: names, markets, platforms and a collection-call script in the
// style of the vendor's example (Indonesian robot lines). Data only.

export const FIRST_NAMES = [
  'Budi',
  'Siti',
  'Agus',
  'Dewi',
  'Rizky',
  'Putri',
  'Arjun',
  'Priya',
  'Rahul',
  'Ananya',
  'Jose',
  'Maria',
  'Carlo',
  'Ana',
] as const;
export const LAST_NAMES = [
  'Santoso',
  'Wijaya',
  'Kusuma',
  'Hidayat',
  'Sharma',
  'Patel',
  'Reddy',
  'Iyer',
  'Reyes',
  'Cruz',
  'Garcia',
  'Bautista',
] as const;

/** Country prefix, digits after it and the currency the loan is in. */
export const MARKETS = [
  { prefix: '+62', digits: 10, currency: 'IDR', amount: [500_000, 20_000_000] },
  { prefix: '+91', digits: 10, currency: 'INR', amount: [1_000, 80_000] },
  { prefix: '+63', digits: 10, currency: 'PHP', amount: [1_000, 50_000] },
] as const;

export const PLATFORMS = ['HAPPYPLANTE', 'KreditCepat', 'RupeeNow', 'PesoFlash', 'DanaKilat'] as const;

export const INTENTION_NOTES: Readonly<Record<string, string>> = {
  A: 'promised to pay today',
  B: 'promised to pay later',
  C: 'asked for an extension',
  D: 'disputes the debt',
  E: 'hung up early',
  F: 'no answer',
  G: 'wrong person',
  H: 'refused to pay',
  I: 'already paid',
  '--': 'not reached',
};

export const ROBOT_LINES = [
  'Halo, selamat siang. Apakah saya berbicara dengan Bapak/Ibu {name}?',
  'Saya dari {platform}, ingin mengingatkan tagihan Anda sebesar {amount} {currency}.',
  'Tagihan Anda jatuh tempo pada {due}. Kapan Anda bisa melakukan pembayaran?',
  'Baik, apakah Anda akan membayar melalui ATM atau transfer bank?',
  'Terima kasih atas konfirmasinya. Kami akan mencatat janji pembayaran Anda.',
  'Terima kasih, selamat siang.',
] as const;

export const CALLEE_LINES = [
  'Ya, saya sendiri.',
  'Siapa ini?',
  'Saya akan bayar hari ini.',
  'Besok saja ya.',
  'Lewat ATM.',
  'Saya sudah bayar kemarin.',
  'Maaf, saya sibuk.',
  '',
] as const;

export const UNANSWERED_RING_TYPES = ['busy', 'outofarea', 'switchoff', 'unregister', 'wrongnum', 'notmatch', 'null'] as const;
