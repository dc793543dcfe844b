/** Name parts for generated patients: varied origins, no real persons intended. */
export const FEMALE_NAMES = ["Maria", "Aisha", "Grace", "Elena", "Hannah", "Yuki", "Fatima", "Priya", "Sofia", "Amara", "Chloe", "Mei", "Olga", "Nadia", "Lucia", "Ingrid", "Zainab", "Rosa", "Emily", "Leila"];
export const MALE_NAMES = ["James", "Omar", "Kofi", "Ravi", "Peter", "Tom", "Li", "Diego", "Ahmed", "Lukas", "Kenji", "Samuel", "Ivan", "Mateo", "Yusuf", "Daniel", "Arjun", "Noah", "Pierre", "Tariq"];
export const SURNAMES = ["Smith", "Okafor", "Nguyen", "Garcia", "Patel", "Müller", "Kowalski", "Haddad", "Johansson", "Tanaka", "Brown", "Silva", "Rossi", "Cohen", "Mensah", "Ivanova", "Kim", "Dubois", "Hernández", "O'Brien", "Adeyemi", "Larsen", "Novak", "Chen"];
